//! The one HTTP client for every URL a request hands the server (image
//! inputs today; webhooks and object storage later), and the policy on the
//! addresses it may reach.
//!
//! By default only public unicast addresses are reached ([`is_public`]);
//! [`Policy`] adds the operator's exceptions (`ALLOWED_FETCH_HOSTS`,
//! `ALLOWED_FETCH_CIDRS`). A host name is resolved once, by [`Outbound`]'s
//! own resolver, which hands the connector only allowed addresses, so the
//! connection goes to the address that was checked (no DNS rebinding). IP
//! literals never reach a resolver, so they are checked before the request
//! and before each redirect hop. Redirects are limited, each hop is checked
//! again, and https → http is refused. No `Referer`, no credentials, no
//! proxy from the environment (a proxy would resolve names itself).
//!
//! A refused address is [`FetchError::Refused`] whatever would have
//! happened had it been reached: nothing is sent to it, so the caller
//! cannot tell a closed port from an open one.
//!
//! Every fetch, refusals included, is counted in
//! `wfc_outbound_fetches_total` by outcome when metrics are on.

use crate::telemetry::metrics::{FetchOutcome, Metrics};
use ipnet::IpNet;
use std::fmt;
use std::future::Future;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
use std::pin::Pin;
use std::sync::Arc;
use std::time::Duration;

/// Whether `ip` is a public unicast address: not loopback, private
/// (10/8, 172.16/12, 192.168/16), link-local (169.254/16, cloud metadata
/// included), shared (CGNAT 100.64/10), multicast, broadcast, unspecified,
/// reserved (240/4, 0/8), documentation or benchmarking, IETF protocol
/// assignments (192.0.0/24), nor the IPv6 forms of these (loopback,
/// unique-local fc00::/7, link-local fe80::/10, site-local fec0::/10,
/// multicast, documentation 2001:db8::/32 and 3fff::/20, benchmarking
/// 2001:2::/48, Teredo 2001::/32, anything outside global unicast 2000::/3
/// (discard 100::/64 included), and the
/// IPv4-mapped, IPv4-compatible, NAT64 and 6to4 forms of refused IPv4
/// addresses).
pub fn is_public(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => is_public_v4(v4),
        IpAddr::V6(v6) => is_public_v6(v6),
    }
}

fn is_public_v4(ip: Ipv4Addr) -> bool {
    let [a, b, c, _] = ip.octets();
    let refused = ip.is_unspecified()
        || ip.is_loopback()
        || ip.is_private()
        || ip.is_link_local()
        || ip.is_multicast()
        || ip.is_broadcast()
        || ip.is_documentation()
        // 0.0.0.0/8: "this network".
        || a == 0
        // 100.64.0.0/10: shared address space (CGNAT).
        || (a == 100 && (b & 0xC0) == 64)
        // 192.0.0.0/24: IETF protocol assignments.
        || (a == 192 && b == 0 && c == 0)
        // 198.18.0.0/15: benchmarking.
        || (a == 198 && (b & 0xFE) == 18)
        // 240.0.0.0/4: reserved (broadcast included).
        || a >= 240;
    !refused
}

fn is_public_v6(ip: Ipv6Addr) -> bool {
    let segments = ip.segments();
    let octets = ip.octets();
    // ::ffff:a.b.c.d (mapped) and ::a.b.c.d (compatible, deprecated): the
    // IPv4 address decides. `::` and `::1` are caught below.
    if let Some(v4) = ip.to_ipv4_mapped() {
        return is_public_v4(v4);
    }
    if segments[..6] == [0; 6] && !(ip.is_unspecified() || ip.is_loopback()) {
        let v4 = Ipv4Addr::new(octets[12], octets[13], octets[14], octets[15]);
        return is_public_v4(v4);
    }
    // 64:ff9b::/96 (NAT64) embeds an IPv4 address in its last 32 bits.
    if segments[..6] == [0x64, 0xff9b, 0, 0, 0, 0] {
        let v4 = Ipv4Addr::new(octets[12], octets[13], octets[14], octets[15]);
        return is_public_v4(v4);
    }
    // 2002::/16 (6to4) embeds one in bits 16..48.
    if segments[0] == 0x2002 {
        let v4 = Ipv4Addr::new(octets[2], octets[3], octets[4], octets[5]);
        if !is_public_v4(v4) {
            return false;
        }
    }
    let refused = ip.is_unspecified()
        || ip.is_loopback()
        || ip.is_multicast()
        // Only 2000::/3 is global unicast; the rest is reserved.
        || (segments[0] & 0xE000) != 0x2000
        // fc00::/7: unique local.
        || (segments[0] & 0xFE00) == 0xFC00
        // fe80::/10: link-local; fec0::/10: site-local (deprecated).
        || (segments[0] & 0xFFC0) == 0xFE80
        || (segments[0] & 0xFFC0) == 0xFEC0
        // 2001:db8::/32: documentation; 3fff::/20 too (RFC 9637).
        || (segments[0] == 0x2001 && segments[1] == 0x0DB8)
        || (segments[0] & 0xFFF0) == 0x3FF0
        // 2001::/32: Teredo (an obfuscated IPv4 address); 2001:2::/48:
        // benchmarking.
        || (segments[0] == 0x2001 && segments[1] == 0)
        || segments[..3] == [0x2001, 2, 0]
        // 100::/64: discard.
        || segments[..4] == [0x100, 0, 0, 0]
        // 64:ff9b:1::/48: local-use NAT64.
        || segments[..3] == [0x64, 0xff9b, 1];
    !refused
}

/// The addresses and names the operator allowed besides the public ones.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Policy {
    /// Host names (or IP literals) allowed whatever they resolve to;
    /// lowercase, without a trailing dot.
    hosts: Vec<String>,
    /// Address ranges allowed.
    cidrs: Vec<IpNet>,
}

impl Policy {
    /// A policy allowing public addresses and these exceptions: `hosts`
    /// match exactly, ignoring ASCII case and a trailing dot.
    pub fn new(hosts: &[String], cidrs: &[IpNet]) -> Policy {
        Policy {
            hosts: hosts.iter().map(|h| normalize_host(h)).collect(),
            cidrs: cidrs.iter().map(IpNet::trunc).collect(),
        }
    }

    /// Whether the connection may go to `ip`.
    pub fn allows_ip(&self, ip: IpAddr) -> bool {
        let ip = canonical(ip);
        is_public(ip) || self.cidrs.iter().any(|net| net.contains(&ip))
    }

    /// Whether host name `host` is allowed whatever it resolves to.
    pub fn allows_host(&self, host: &str) -> bool {
        let host = normalize_host(host);
        self.hosts.contains(&host)
    }

    /// Whether URL host `host` (as `Url::host_str` gives it: IPv6 in
    /// brackets, IPv4 normalized) may be reached without resolving it: an
    /// allowed name, or an allowed IP literal. `None` for a name the
    /// resolver must decide on.
    fn allows_url_host(&self, host: &str) -> Option<bool> {
        if self.allows_host(host) {
            return Some(true);
        }
        match normalize_host(host).parse::<IpAddr>() {
            Ok(ip) => Some(self.allows_ip(ip)),
            Err(_) => None,
        }
    }
}

/// An IPv4-mapped IPv6 address as its IPv4 address, so that an IPv4 CIDR
/// allows both forms.
fn canonical(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(ip, IpAddr::V4),
        v4 => v4,
    }
}

fn normalize_host(host: &str) -> String {
    let host = host.trim().trim_end_matches('.');
    let host = host
        .strip_prefix('[')
        .and_then(|h| h.strip_suffix(']'))
        .unwrap_or(host);
    host.to_ascii_lowercase()
}

/// Parses `ALLOWED_FETCH_HOSTS`: comma-separated host names, blanks
/// ignored.
pub fn parse_hosts(text: &str) -> Vec<String> {
    text.split(',')
        .map(normalize_host)
        .filter(|h| !h.is_empty())
        .collect()
}

/// Parses `ALLOWED_FETCH_CIDRS`: comma-separated CIDRs (`10.0.0.0/8`,
/// `fd00::/8`), blanks ignored; an address without a prefix length is a
/// single address. The error names the value that does not parse.
pub fn parse_cidrs(text: &str) -> Result<Vec<IpNet>, String> {
    text.split(',')
        .map(str::trim)
        .filter(|item| !item.is_empty())
        .map(|item| {
            item.parse::<IpNet>()
                .or_else(|_| item.parse::<IpAddr>().map(IpNet::from))
                .map_err(|_| {
                    format!(
                        "`{item}` is not a CIDR (an address and a prefix length, like 10.0.0.0/8 or fd00::/8)"
                    )
                })
        })
        .collect()
}

/// The settings of [`Outbound`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Settings {
    /// Exceptions to the public-only rule.
    pub policy: Policy,
    /// How long connecting (TCP and TLS) may take.
    pub connect_timeout: Duration,
    /// How long the answer's head may take to arrive, from the request.
    pub first_byte_timeout: Duration,
    /// The most redirects followed.
    pub max_redirects: usize,
}

impl Default for Settings {
    /// Public addresses only, 10 s to connect, 30 s to the answer's head,
    /// 5 redirects.
    fn default() -> Settings {
        Settings {
            policy: Policy::default(),
            connect_timeout: Duration::from_secs(10),
            first_byte_timeout: Duration::from_secs(30),
            max_redirects: 5,
        }
    }
}

/// Why a fetch failed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FetchError {
    /// The address (of the URL or of a redirect hop) is not allowed;
    /// nothing was sent to it.
    Refused,
    /// Too many redirects, or a redirect from https to http.
    Redirect(String),
    /// The server answered with a status other than 2xx.
    Status(reqwest::StatusCode),
    /// No connection, a failed handshake, a body cut short.
    Failed(String),
    /// A timeout ran out: connecting, the answer's head, or the whole
    /// exchange.
    Timeout(Duration),
    /// The body is larger than the limit.
    TooLarge,
}

/// The marker error of a refused address, found again in reqwest's chain.
#[derive(Debug)]
struct Refused;

impl fmt::Display for Refused {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("the address is not allowed")
    }
}

impl std::error::Error for Refused {}

/// A redirect the policy stops, found again in reqwest's chain.
#[derive(Debug)]
struct BadRedirect(String);

impl fmt::Display for BadRedirect {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for BadRedirect {}

/// What looks a name up: the system's resolver, or a test's.
type Lookup = Arc<
    dyn Fn(String) -> Pin<Box<dyn Future<Output = std::io::Result<Vec<SocketAddr>>> + Send>>
        + Send
        + Sync,
>;

/// The system's resolver (`getaddrinfo`, hosts file included).
fn system_lookup() -> Lookup {
    Arc::new(|name: String| {
        Box::pin(async move { Ok(tokio::net::lookup_host((name.as_str(), 0)).await?.collect()) })
    })
}

/// Resolves names once and hands on only the addresses the policy allows.
struct Resolver {
    policy: Arc<Policy>,
    lookup: Lookup,
}

impl reqwest::dns::Resolve for Resolver {
    fn resolve(&self, name: reqwest::dns::Name) -> reqwest::dns::Resolving {
        let policy = self.policy.clone();
        let name = name.as_str().to_string();
        let lookup = (self.lookup)(name.clone());
        Box::pin(async move {
            let by_name = policy.allows_host(&name);
            let found = lookup.await?;
            let allowed: Vec<SocketAddr> = found
                .into_iter()
                .filter(|a| by_name || policy.allows_ip(a.ip()))
                .collect();
            if allowed.is_empty() {
                tracing::info!(host = %name, "outbound fetch refused: no allowed address");
                return Err(Box::new(Refused) as Box<dyn std::error::Error + Send + Sync>);
            }
            Ok(Box::new(allowed.into_iter()) as reqwest::dns::Addrs)
        })
    }
}

/// The HTTP client for URLs requests hand the server.
#[derive(Clone, Debug)]
pub struct Outbound {
    client: reqwest::Client,
    policy: Arc<Policy>,
    first_byte_timeout: Duration,
    connect_timeout: Duration,
    /// `None` when metrics are off.
    metrics: Option<Arc<Metrics>>,
}

impl Outbound {
    /// A client applying `settings`.
    pub fn new(settings: Settings) -> Outbound {
        Outbound::with_lookup(settings, system_lookup())
    }

    /// A client applying `settings`, resolving names with `lookup`.
    fn with_lookup(settings: Settings, lookup: Lookup) -> Outbound {
        let policy = Arc::new(settings.policy);
        let redirect_policy = policy.clone();
        let max = settings.max_redirects;
        let redirects = reqwest::redirect::Policy::custom(move |attempt| {
            match check_hop(&redirect_policy, attempt.previous(), attempt.url(), max) {
                Ok(()) => attempt.follow(),
                Err(None) => {
                    tracing::info!("outbound fetch refused: a redirect to a refused address");
                    attempt.error(Refused)
                }
                Err(Some(why)) => attempt.error(BadRedirect(why)),
            }
        });
        let client = crate::tls::client_builder()
            .no_proxy()
            .referer(false)
            .redirect(redirects)
            .connect_timeout(settings.connect_timeout)
            .dns_resolver(Arc::new(Resolver {
                policy: policy.clone(),
                lookup,
            }))
            .build()
            .expect("an HTTP client builds");
        Outbound {
            client,
            policy,
            first_byte_timeout: settings.first_byte_timeout,
            connect_timeout: settings.connect_timeout,
            metrics: None,
        }
    }

    /// The client counting its fetches in `metrics` (`None`: metrics off).
    pub(crate) fn with_metrics(mut self, metrics: Option<Arc<Metrics>>) -> Outbound {
        self.metrics = metrics;
        self
    }

    /// Which timeout a timed-out request ran into.
    fn timeout_of(&self, error: &reqwest::Error, total: Duration) -> Duration {
        if error.is_connect() {
            self.connect_timeout.min(total)
        } else {
            total
        }
    }

    /// Whether `url`'s host is refused before anything is resolved: an IP
    /// literal the policy does not allow (names are the resolver's).
    fn refuses(&self, url: &reqwest::Url) -> bool {
        match url.host_str() {
            Some(host) => self.policy.allows_url_host(host) == Some(false),
            None => true,
        }
    }

    /// GETs `url` and reads its body, at most `max_bytes` of it (checked
    /// against `Content-Length` and again while streaming), all within
    /// `total`; the answer's head must come within the first-byte timeout.
    /// No header of the incoming request is added.
    pub async fn get_bytes(
        &self,
        url: reqwest::Url,
        max_bytes: usize,
        total: Duration,
    ) -> Result<Vec<u8>, FetchError> {
        let result = self.fetch(url, max_bytes, total).await;
        if let Some(m) = &self.metrics {
            m.fetched(match &result {
                Ok(_) => FetchOutcome::Ok,
                Err(FetchError::Refused) => FetchOutcome::Refused,
                Err(FetchError::Timeout(_)) => FetchOutcome::Timeout,
                Err(FetchError::TooLarge) => FetchOutcome::TooLarge,
                Err(FetchError::Redirect(_) | FetchError::Status(_) | FetchError::Failed(_)) => {
                    FetchOutcome::Failed
                }
            });
        }
        result
    }

    async fn fetch(
        &self,
        url: reqwest::Url,
        max_bytes: usize,
        total: Duration,
    ) -> Result<Vec<u8>, FetchError> {
        if self.refuses(&url) {
            tracing::info!("outbound fetch refused: the URL's address is not allowed");
            return Err(FetchError::Refused);
        }
        let first_byte = self.first_byte_timeout.min(total);
        let exchange = async {
            let request = self.client.get(url).timeout(total).send();
            let mut response = match tokio::time::timeout(first_byte, request).await {
                Err(_) => return Err(FetchError::Timeout(first_byte)),
                Ok(r) => r.map_err(|e| classify(&e, "request", self.timeout_of(&e, total)))?,
            };
            let status = response.status();
            if !status.is_success() {
                return Err(FetchError::Status(status));
            }
            if response
                .content_length()
                .is_some_and(|n| n > max_bytes as u64)
            {
                return Err(FetchError::TooLarge);
            }
            let capacity = response.content_length().unwrap_or(0) as usize;
            let mut bytes = Vec::with_capacity(capacity.min(max_bytes));
            while let Some(chunk) = response
                .chunk()
                .await
                .map_err(|e| classify(&e, "body", total))?
            {
                if bytes.len() + chunk.len() > max_bytes {
                    return Err(FetchError::TooLarge);
                }
                bytes.extend_from_slice(&chunk);
            }
            Ok(bytes)
        };
        tokio::time::timeout(total, exchange)
            .await
            .unwrap_or(Err(FetchError::Timeout(total)))
    }
}

/// Whether a redirect from the URLs `previous` (the first is the one
/// requested) to `next` may be followed: `Err(None)` when `next`'s address
/// is refused, `Err(Some(why))` when the redirect itself is (too many, from
/// https to http, not http(s)).
fn check_hop(
    policy: &Policy,
    previous: &[reqwest::Url],
    next: &reqwest::Url,
    max: usize,
) -> Result<(), Option<String>> {
    if previous.len() > max {
        return Err(Some(format!("more than {max} redirects")));
    }
    let scheme = next.scheme();
    if previous.last().is_some_and(|u| u.scheme() == "https") && scheme != "https" {
        return Err(Some("a redirect from https to http was refused".into()));
    }
    if !matches!(scheme, "http" | "https") {
        return Err(Some(format!("a redirect to a `{scheme}` URL was refused")));
    }
    match next.host_str() {
        Some(host) if policy.allows_url_host(host) != Some(false) => Ok(()),
        _ => Err(None),
    }
}

/// The [`FetchError`] of a reqwest error: the policy's own errors are
/// found in its chain of causes; others are described without the URL
/// (which may carry tokens).
fn classify(error: &reqwest::Error, stage: &str, total: Duration) -> FetchError {
    let mut cause: Option<&(dyn std::error::Error + 'static)> = Some(error);
    while let Some(e) = cause {
        if e.is::<Refused>() {
            return FetchError::Refused;
        }
        if let Some(BadRedirect(why)) = e.downcast_ref::<BadRedirect>() {
            return FetchError::Redirect(why.clone());
        }
        cause = e.source();
    }
    if error.is_timeout() {
        return FetchError::Timeout(total);
    }
    let mut text = if stage == "body" {
        String::from("the answer's body was cut short")
    } else if error.is_connect() {
        String::from("could not connect")
    } else {
        String::from("the request failed")
    };
    let mut cause = std::error::Error::source(error);
    while let Some(e) = cause {
        text.push_str(": ");
        text.push_str(&e.to_string());
        cause = e.source();
    }
    FetchError::Failed(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_public_unicast_addresses_are_public() {
        let table: &[(&str, bool)] = &[
            // IPv4 refused.
            ("0.0.0.0", false),
            ("0.1.2.3", false),
            ("127.0.0.1", false),
            ("127.255.255.254", false),
            ("10.0.0.1", false),
            ("10.255.255.255", false),
            ("172.16.0.1", false),
            ("172.31.255.255", false),
            ("192.168.1.1", false),
            ("169.254.169.254", false),
            ("169.254.0.1", false),
            ("100.64.0.1", false),
            ("100.127.255.255", false),
            ("192.0.0.8", false),
            ("192.0.2.1", false),
            ("198.51.100.7", false),
            ("203.0.113.9", false),
            ("198.18.0.1", false),
            ("198.19.255.255", false),
            ("224.0.0.1", false),
            ("239.255.255.250", false),
            ("240.0.0.1", false),
            ("255.255.255.255", false),
            // IPv4 allowed, including the neighbours of refused ranges.
            ("1.1.1.1", true),
            ("8.8.8.8", true),
            ("172.15.255.255", true),
            ("172.32.0.1", true),
            ("100.63.255.255", true),
            ("100.128.0.1", true),
            ("11.0.0.1", true),
            ("192.169.0.1", true),
            ("198.20.0.1", true),
            ("223.255.255.255", true),
            ("93.184.215.14", true),
            // IPv6 refused.
            ("::", false),
            ("::1", false),
            ("fc00::1", false),
            ("fd12:3456::1", false),
            ("fe80::1", false),
            ("febf::1", false),
            ("fec0::1", false),
            ("ff02::1", false),
            ("ff05::2", false),
            ("2001:db8::1", false),
            ("3fff::1", false),
            ("100::1", false),
            ("::ffff:127.0.0.1", false),
            ("::ffff:10.0.0.1", false),
            ("::ffff:169.254.169.254", false),
            ("::ffff:192.168.0.1", false),
            ("::ffff:100.64.0.1", false),
            ("::ffff:0.0.0.0", false),
            ("::127.0.0.1", false),
            ("::10.0.0.1", false),
            ("::169.254.169.254", false),
            ("64:ff9b::127.0.0.1", false),
            ("64:ff9b::a9fe:a9fe", false),
            ("64:ff9b:1::1", false),
            ("2002:7f00:1::1", false),
            ("2002:a00:1::1", false),
            // IPv6 allowed.
            ("2606:4700:4700::1111", true),
            ("2001:4860:4860::8888", true),
            ("::ffff:8.8.8.8", true),
            ("64:ff9b::808:808", true),
            ("2002:808:808::1", true),
            ("2a00:1450:4001::1", true),
            ("fbff::1", false),
            ("fe00::1", false),
            ("4000::1", false),
            ("2001::1", false),
            ("2001:2::1", false),
        ];
        let mut wrong = Vec::new();
        for (text, public) in table {
            let ip: IpAddr = text.parse().unwrap();
            if is_public(ip) != *public {
                wrong.push(format!("{text}: expected public={public}"));
            }
        }
        assert!(wrong.is_empty(), "{wrong:#?}");
    }

    #[test]
    fn cidrs_parse_and_name_the_value_that_does_not() {
        let nets = parse_cidrs(" 127.0.0.0/8, fd00::/8 ,,10.1.2.3").unwrap();
        assert_eq!(
            nets,
            vec![
                "127.0.0.0/8".parse::<IpNet>().unwrap(),
                "fd00::/8".parse().unwrap(),
                "10.1.2.3/32".parse().unwrap(),
            ]
        );
        assert_eq!(parse_cidrs("").unwrap(), vec![]);
        for bad in [
            "10.0.0.0/33",
            "10.0.0/8",
            "example.com",
            "fd00::/129",
            "1.2.3.4/",
        ] {
            let err = parse_cidrs(&format!("127.0.0.0/8,{bad}")).unwrap_err();
            assert!(err.contains(&format!("`{bad}`")), "{err}");
        }
    }

    #[test]
    fn the_allow_lists_open_exceptions_and_nothing_else() {
        let policy = Policy::new(
            &parse_hosts("LocalHost., storage.internal"),
            &parse_cidrs("127.0.0.0/8,fd00::1:0/112,10.1.2.3/8").unwrap(),
        );
        let ip = |s: &str| s.parse::<IpAddr>().unwrap();
        assert!(policy.allows_ip(ip("127.0.0.1")));
        assert!(policy.allows_ip(ip("127.9.9.9")));
        assert!(policy.allows_ip(ip("::ffff:127.0.0.1")));
        assert!(policy.allows_ip(ip("fd00::1:5")));
        assert!(policy.allows_ip(ip("10.200.0.1")), "host bits are ignored");
        assert!(policy.allows_ip(ip("8.8.8.8")));
        assert!(!policy.allows_ip(ip("::1")));
        assert!(!policy.allows_ip(ip("fd00::2:5")));
        assert!(!policy.allows_ip(ip("192.168.0.1")));
        assert!(!policy.allows_ip(ip("169.254.169.254")));
        assert!(policy.allows_host("localhost"));
        assert!(policy.allows_host("LOCALHOST."));
        assert!(policy.allows_host("storage.internal"));
        assert!(!policy.allows_host("sub.storage.internal"));
        assert!(!policy.allows_host("localhost.example"));
        let default = Policy::default();
        assert!(!default.allows_ip(ip("127.0.0.1")));
        assert!(!default.allows_host("localhost"));
    }

    #[test]
    fn url_hosts_are_checked_literally_or_left_to_the_resolver() {
        let policy = Policy::new(&parse_hosts("localhost,[::1]"), &[]);
        let check = |u: &str| {
            let url = reqwest::Url::parse(u).unwrap();
            policy.allows_url_host(url.host_str().unwrap())
        };
        assert_eq!(check("http://127.0.0.1:8/x"), Some(false));
        // Other spellings of loopback parse to the same literal.
        assert_eq!(check("http://0x7f.1/x"), Some(false));
        assert_eq!(check("http://2130706433/x"), Some(false));
        assert_eq!(check("http://[::ffff:7f00:1]/x"), Some(false));
        assert_eq!(check("http://[::1]/x"), Some(true));
        assert_eq!(check("http://LOCALHOST/x"), Some(true));
        assert_eq!(check("http://8.8.8.8/x"), Some(true));
        assert_eq!(check("http://example.com/x"), None);
    }

    #[test]
    fn redirect_hops_are_checked() {
        let policy = Policy::new(&parse_hosts("localhost"), &[]);
        let url = |u: &str| reqwest::Url::parse(u).unwrap();
        let from_http = [url("http://localhost/a")];
        let from_https = [url("https://example.com/a")];
        let check =
            |previous: &[reqwest::Url], next: &str| check_hop(&policy, previous, &url(next), 2);
        assert_eq!(check(&from_http, "http://localhost/b"), Ok(()));
        assert_eq!(check(&from_http, "http://example.com/b"), Ok(()));
        assert_eq!(check(&from_https, "https://example.com/b"), Ok(()));
        assert_eq!(check(&from_http, "http://127.0.0.1/b"), Err(None));
        assert_eq!(check(&from_http, "http://[fe80::1]/b"), Err(None));
        assert_eq!(
            check(&from_http, "http://169.254.169.254/latest"),
            Err(None)
        );
        assert_eq!(
            check(&from_https, "http://example.com/b"),
            Err(Some("a redirect from https to http was refused".into()))
        );
        assert_eq!(
            check(&from_http, "file:///etc/passwd"),
            Err(Some("a redirect to a `file` URL was refused".into()))
        );
        let three = [
            url("http://example.com/1"),
            url("http://example.com/2"),
            url("http://example.com/3"),
        ];
        assert_eq!(
            check(&three, "http://example.com/4"),
            Err(Some("more than 2 redirects".into()))
        );
        assert_eq!(check(&three[..2], "http://example.com/3"), Ok(()));
    }

    /// What a test server does with each request.
    #[derive(Clone)]
    enum Serve {
        /// Answers these bytes and closes.
        Bytes(Vec<u8>),
        /// Answers `200` and a body that never ends, one KB after another.
        Endless,
        /// Reads the request and never answers.
        Silent,
    }

    /// Writes all of `bytes` (tokio's `net` feature only: no `io-util`).
    async fn write_all(stream: &tokio::net::TcpStream, mut bytes: &[u8]) -> bool {
        while !bytes.is_empty() {
            if stream.writable().await.is_err() {
                return false;
            }
            match stream.try_write(bytes) {
                Ok(n) => bytes = &bytes[n..],
                Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {}
                Err(_) => return false,
            }
        }
        true
    }

    /// Reads a request's head.
    async fn read_head(stream: &tokio::net::TcpStream) {
        let mut head = Vec::new();
        let mut buf = [0; 1024];
        while !head.windows(4).any(|w| w == b"\r\n\r\n") {
            if stream.readable().await.is_err() {
                return;
            }
            match stream.try_read(&mut buf) {
                Ok(0) => return,
                Ok(n) => head.extend_from_slice(&buf[..n]),
                Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {}
                Err(_) => return,
            }
        }
    }

    /// A server on 127.0.0.1 answering every connection with `serve`; its
    /// port, and a counter of the connections it accepted.
    async fn server(serve: Serve) -> (u16, Arc<std::sync::atomic::AtomicUsize>) {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let port = listener.local_addr().unwrap().port();
        let accepted = Arc::new(std::sync::atomic::AtomicUsize::new(0));
        let count = accepted.clone();
        tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                count.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                let serve = serve.clone();
                tokio::spawn(async move {
                    read_head(&stream).await;
                    match serve {
                        Serve::Bytes(bytes) => {
                            write_all(&stream, &bytes).await;
                        }
                        Serve::Endless => {
                            let head = b"HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n";
                            if write_all(&stream, head).await {
                                while write_all(&stream, &[7; 1024]).await {}
                            }
                        }
                        Serve::Silent => std::future::pending::<()>().await,
                    }
                });
            }
        });
        (port, accepted)
    }

    fn ok(body: &[u8]) -> Serve {
        let mut out = format!(
            "HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: {}\r\n\r\n",
            body.len()
        )
        .into_bytes();
        out.extend_from_slice(body);
        Serve::Bytes(out)
    }

    fn redirect(to: &str) -> Serve {
        Serve::Bytes(
            format!(
                "HTTP/1.1 302 Found\r\nConnection: close\r\nLocation: {to}\r\nContent-Length: 0\r\n\r\n"
            )
            .into_bytes(),
        )
    }

    fn settings(hosts: &str, cidrs: &str) -> Settings {
        Settings {
            policy: Policy::new(&parse_hosts(hosts), &parse_cidrs(cidrs).unwrap()),
            connect_timeout: Duration::from_secs(2),
            first_byte_timeout: Duration::from_millis(300),
            max_redirects: 5,
        }
    }

    fn client(hosts: &str, cidrs: &str) -> Outbound {
        Outbound::new(settings(hosts, cidrs))
    }

    /// A client whose resolver answers 127.0.0.1 for every name, as a
    /// rebinding or hostile DNS server would.
    fn resolving_to_loopback(hosts: &str, cidrs: &str) -> Outbound {
        let lookup: Lookup = Arc::new(|_name: String| {
            Box::pin(async { Ok(vec![SocketAddr::from(([127, 0, 0, 1], 0))]) })
        });
        Outbound::with_lookup(settings(hosts, cidrs), lookup)
    }

    async fn get(client: &Outbound, url: &str) -> Result<Vec<u8>, FetchError> {
        let url = reqwest::Url::parse(url).unwrap();
        client.get_bytes(url, 4096, Duration::from_secs(5)).await
    }

    fn accepted(counter: &std::sync::atomic::AtomicUsize) -> usize {
        counter.load(std::sync::atomic::Ordering::SeqCst)
    }

    #[tokio::test]
    async fn loopback_is_refused_by_default_without_a_connection() {
        let (port, hits) = server(ok(b"hello")).await;
        let default = client("", "");
        for host in [
            "127.0.0.1",
            "localhost",
            "LOCALHOST",
            "[::ffff:127.0.0.1]",
            "[::1]",
        ] {
            let url = format!("http://{host}:{port}/x.png");
            assert_eq!(get(&default, &url).await, Err(FetchError::Refused), "{url}");
        }
        assert_eq!(accepted(&hits), 0);
        let by_cidr = client("", "127.0.0.0/8");
        let by_name = client("localhost", "");
        let url = format!("http://127.0.0.1:{port}/x.png");
        assert_eq!(get(&by_cidr, &url).await.unwrap(), b"hello");
        assert_eq!(get(&by_name, &url).await, Err(FetchError::Refused));
        let url = format!("http://localhost:{port}/x.png");
        assert_eq!(get(&by_cidr, &url).await.unwrap(), b"hello");
        assert_eq!(get(&by_name, &url).await.unwrap(), b"hello");
    }

    #[tokio::test]
    async fn a_public_looking_name_resolving_to_loopback_is_refused() {
        let (port, hits) = server(ok(b"hello")).await;
        let url = format!("http://images.example.com:{port}/x.png");
        let hostile = resolving_to_loopback("", "");
        assert_eq!(get(&hostile, &url).await, Err(FetchError::Refused));
        assert_eq!(accepted(&hits), 0);
        let by_name = resolving_to_loopback("images.example.com", "");
        assert_eq!(get(&by_name, &url).await.unwrap(), b"hello");
        let by_cidr = resolving_to_loopback("", "127.0.0.0/8");
        assert_eq!(get(&by_cidr, &url).await.unwrap(), b"hello");
    }

    #[tokio::test]
    async fn a_redirect_into_a_refused_address_is_refused() {
        let (target, hits) = server(ok(b"secret")).await;
        let (port, _) = server(redirect(&format!("http://127.0.0.1:{target}/meta"))).await;
        let by_name = client("localhost", "");
        let url = format!("http://localhost:{port}/x.png");
        assert_eq!(get(&by_name, &url).await, Err(FetchError::Refused));
        // And through a name the resolver refuses.
        let (port, _) = server(redirect(&format!("http://localhost:{target}/meta"))).await;
        let by_literal = client("127.0.0.1", "");
        let url = format!("http://127.0.0.1:{port}/x.png");
        assert_eq!(get(&by_literal, &url).await, Err(FetchError::Refused));
        assert_eq!(accepted(&hits), 0);
        // Allowed hops are followed.
        let (port, _) = server(redirect(&format!("http://127.0.0.1:{target}/meta"))).await;
        let url = format!("http://127.0.0.1:{port}/x.png");
        assert_eq!(
            get(&client("", "127.0.0.1/32"), &url).await.unwrap(),
            b"secret"
        );
    }

    #[tokio::test]
    async fn redirects_are_limited() {
        // A server redirecting to itself.
        let (port, hits) = server(redirect("/again")).await;
        let url = format!("http://127.0.0.1:{port}/x.png");
        let err = get(&client("", "127.0.0.0/8"), &url).await.unwrap_err();
        assert_eq!(err, FetchError::Redirect("more than 5 redirects".into()));
        assert_eq!(accepted(&hits), 6);
    }

    #[tokio::test]
    async fn a_silent_server_fails_at_the_first_byte_timeout() {
        let (port, _) = server(Serve::Silent).await;
        let url = format!("http://127.0.0.1:{port}/x.png");
        let started = std::time::Instant::now();
        let err = get(&client("", "127.0.0.0/8"), &url).await.unwrap_err();
        assert_eq!(err, FetchError::Timeout(Duration::from_millis(300)));
        assert!(
            started.elapsed() < Duration::from_secs(3),
            "{:?}",
            started.elapsed()
        );
    }

    #[tokio::test]
    async fn an_endless_body_stops_at_the_limit() {
        let (port, _) = server(Serve::Endless).await;
        let url = format!("http://127.0.0.1:{port}/x.png");
        let err = get(&client("", "127.0.0.0/8"), &url).await.unwrap_err();
        assert_eq!(err, FetchError::TooLarge);
    }

    #[tokio::test]
    async fn every_fetch_is_counted_by_outcome_refusals_included() {
        let metrics = Arc::new(Metrics::new(None));
        let counted = |hosts, cidrs| client(hosts, cidrs).with_metrics(Some(metrics.clone()));
        let (hello, _) = server(ok(b"hello")).await;
        let (endless, _) = server(Serve::Endless).await;
        let (silent, _) = server(Serve::Silent).await;
        let (missing, _) = server(Serve::Bytes(
            b"HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n".to_vec(),
        ))
        .await;
        let url = |port: u16| format!("http://127.0.0.1:{port}/x.png");
        let allowed = counted("", "127.0.0.0/8");
        let refusing = counted("", "");
        assert!(get(&allowed, &url(hello)).await.is_ok());
        assert!(get(&allowed, &url(hello)).await.is_ok());
        assert_eq!(get(&refusing, &url(hello)).await, Err(FetchError::Refused));
        assert_eq!(
            get(&refusing, &format!("http://localhost:{hello}/x.png")).await,
            Err(FetchError::Refused)
        );
        assert_eq!(
            get(&allowed, &url(endless)).await,
            Err(FetchError::TooLarge)
        );
        assert!(matches!(
            get(&allowed, &url(silent)).await,
            Err(FetchError::Timeout(_))
        ));
        assert!(matches!(
            get(&allowed, &url(missing)).await,
            Err(FetchError::Status(_))
        ));
        // Not counted: metrics off.
        assert!(get(&client("", "127.0.0.0/8"), &url(hello)).await.is_ok());
        let text = metrics.encode().unwrap();
        for (outcome, n) in [
            ("ok", 2),
            ("refused", 2),
            ("too_large", 1),
            ("timeout", 1),
            ("failed", 1),
        ] {
            let line = format!("wfc_outbound_fetches_total{{outcome=\"{outcome}\"}} {n}\n");
            assert!(text.contains(&line), "{line}in\n{text}");
        }
    }
}
