//! The websocket's `feature_flags` negotiation against the prompts that
//! follow it: a client that sends the frame and then posts a prompt gets the
//! previews with metadata (binary type 4), as `workflows/07` recorded, however
//! the double's tasks happen to be scheduled.

mod common;

use std::net::SocketAddr;
use std::time::Duration;

use comfy_double::Double;
use comfy_double::json::Json;
use common::*;
use futures_util::{SinkExt, StreamExt};
use tokio_tungstenite::tungstenite::Message;

const ROUNDS: usize = 30;

/// `workflows/07`: EmptyImage (batch 2) → SaveImageWebsocket.
fn ws_save_prompt(client_id: &str, color: u32) -> Json {
    let text = format!(
        r#"{{"client_id": "{client_id}", "prompt": {{
            "1": {{"class_type": "EmptyImage", "inputs": {{"width": 16, "height": 16, "batch_size": 2, "color": {color}}}}},
            "2": {{"class_type": "SaveImageWebsocket", "inputs": {{"images": ["1", 0]}}}}}}}}"#
    );
    Json::parse(text.as_bytes()).unwrap()
}

async fn post_prompt(addr: SocketAddr, body: Json) -> String {
    let r = tokio::task::spawn_blocking(move || post_json(addr, "/prompt", &body))
        .await
        .unwrap();
    assert_eq!(r.status, 200, "{}", String::from_utf8_lossy(&r.body));
    r.json()
        .get("prompt_id")
        .and_then(Json::as_str)
        .unwrap()
        .to_string()
}

/// What one client saw: text frame types and binary frame types, in order,
/// up to the final `executing` `{node: null}` of `prompt_id`.
async fn frames_until_done<S>(ws: &mut S, prompt_id: &str) -> Vec<String>
where
    S: futures_util::Stream<Item = Result<Message, tokio_tungstenite::tungstenite::Error>> + Unpin,
{
    let mut seen = Vec::new();
    loop {
        let msg = tokio::time::timeout(Duration::from_secs(30), ws.next())
            .await
            .expect("the run ends within 30 s")
            .expect("the socket stays open")
            .unwrap();
        match msg {
            Message::Text(t) => {
                let v = Json::parse(t.as_bytes()).unwrap();
                let kind = v.get("type").and_then(Json::as_str).unwrap().to_string();
                let data = v.get("data").unwrap();
                let done = kind == "executing"
                    && data.get("node") == Some(&Json::Null)
                    && data.get("prompt_id").and_then(Json::as_str) == Some(prompt_id);
                seen.push(kind);
                if done {
                    return seen;
                }
            }
            Message::Binary(b) => {
                seen.push(format!(
                    "binary {}",
                    u32::from_be_bytes(b[..4].try_into().unwrap())
                ));
            }
            _ => {}
        }
    }
}

/// The client sends `feature_flags` and posts at once, without waiting for
/// any answer; the prompt must see the negotiated flag every time.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn feature_flags_sent_before_a_prompt_apply_to_it() {
    let d = Double::builder().spawn().unwrap();
    let flags = r#"{"type": "feature_flags", "data": {"supports_preview_metadata": true}}"#;
    for round in 0..ROUNDS {
        let client_id = format!("flags-{round}");
        let (mut ws, _) =
            tokio_tungstenite::connect_async(format!("{}?clientId={client_id}", d.ws_url()))
                .await
                .unwrap();
        ws.send(Message::text(flags)).await.unwrap();
        let prompt_id = post_prompt(
            d.addr(),
            ws_save_prompt(&client_id, 0x332211 + round as u32),
        )
        .await;
        let seen = frames_until_done(&mut ws, &prompt_id).await;
        let binaries: Vec<&str> = seen
            .iter()
            .filter(|k| k.starts_with("binary"))
            .map(String::as_str)
            .collect();
        assert_eq!(
            binaries,
            ["binary 4", "binary 4"],
            "round {round}: previews without metadata: {seen:?}"
        );
        // As recorded: the greeting, the negotiation's answer, then the
        // prompt's queue broadcast.
        assert_eq!(
            seen[..3],
            ["status", "feature_flags", "status"],
            "round {round}: {seen:?}"
        );
        ws.close(None).await.unwrap();
    }
}
