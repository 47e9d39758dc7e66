//! `flood ADDR COUNT`: opens COUNT silent connections to ADDR (a loopback
//! address) for the connection tests, which need more sockets than one
//! process may open. Prints `opened COUNT`; then for each `report EXPECT`
//! line on standard input, waits (at most 10 s) until the server has
//! closed EXPECT of them and prints `closed K NEWEST`, NEWEST being the
//! index of the newest connection closed (-1: none). Ends, closing them
//! all, when standard input ends.

use std::io::{BufRead, ErrorKind, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::time::{Duration, Instant};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (Some(addr), Some(count)) = (
        args.get(1).and_then(|a| a.parse::<SocketAddr>().ok()),
        args.get(2).and_then(|n| n.parse::<usize>().ok()),
    ) else {
        eprintln!("usage: flood ADDR COUNT");
        std::process::exit(2);
    };
    assert!(addr.ip().is_loopback(), "flood connects to loopback only");
    let need = count as u64 + 100;
    let (soft, hard) = rlimit::Resource::NOFILE
        .get()
        .expect("the open-file limit reads");
    if soft < need
        && let Err(e) = rlimit::Resource::NOFILE.set(need, hard.max(need))
    {
        eprintln!(
            "error: {count} connections need {need} open files; the limit is {soft} (hard {hard}) and raising it failed ({e}): raise the hard limit (`ulimit -Hn {need}`)"
        );
        std::process::exit(1);
    }
    let mut open = Vec::with_capacity(count);
    for i in 0..count {
        match TcpStream::connect_timeout(&addr, Duration::from_secs(5)) {
            Ok(s) => {
                s.set_nonblocking(true).expect("non-blocking");
                open.push((s, false));
            }
            Err(e) => {
                eprintln!("error: connection {i} of {count}: {e}");
                std::process::exit(1);
            }
        }
    }
    println!("opened {count}");
    std::io::stdout().flush().expect("stdout");
    for line in std::io::stdin().lock().lines().map_while(Result::ok) {
        let expect: usize = line
            .strip_prefix("report ")
            .and_then(|n| n.trim().parse().ok())
            .unwrap_or(0);
        let started = Instant::now();
        let closed = loop {
            let mut buf = [0u8; 64];
            for (s, closed) in open.iter_mut().filter(|(_, c)| !*c) {
                *closed = match s.read(&mut buf) {
                    Ok(0) => true,
                    Ok(_) => false,
                    Err(e) => e.kind() != ErrorKind::WouldBlock,
                };
            }
            let closed = open.iter().filter(|(_, c)| *c).count();
            if closed >= expect || started.elapsed() > Duration::from_secs(10) {
                break closed;
            }
            std::thread::sleep(Duration::from_millis(20));
        };
        let newest = open.iter().rposition(|(_, c)| *c).map_or(-1, |i| i as i64);
        println!("closed {closed} {newest}");
        std::io::stdout().flush().expect("stdout");
    }
}
