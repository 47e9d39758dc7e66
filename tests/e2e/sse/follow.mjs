// Follows a job's event stream with the `eventsource` package, an
// independent implementation of the EventSource standard, and prints what
// it received as one JSON document on standard output.
//
//   node follow.mjs URL [--subscribers N] [--reconnect-after K]
//
// --subscribers N      N EventSources on URL at once (default 1); prints
//                      {"subscribers": [[event, ...], ...], "open": the
//                      job's status once all of them were connected}.
// --reconnect-after K  one EventSource closed after K events, then a new
//                      one opened with `Last-Event-ID` set to the last id
//                      seen; prints {"first": [...], "between": the job's
//                      status while disconnected, "second": [...]}.
//
// An event is {"id", "event", "data"} (data parsed as JSON). A stream is
// read until its final event (succeeded, failed or canceled). Exits 1 with
// a message on any error, and after 60 s whatever happens.

import { EventSource } from "eventsource";

const KINDS = ["queued", "started", "progress", "output", "succeeded", "failed", "canceled"];
const FINAL = new Set(["succeeded", "failed", "canceled"]);

function fail(message) {
  process.stderr.write(`follow.mjs: ${message}\n`);
  process.exit(1);
}

// Exits once the document is written: a pipe takes 64 KB at a time.
function print(document) {
  process.stdout.write(JSON.stringify(document) + "\n", () => process.exit(0));
}

setTimeout(() => fail("no final event within 60 s"), 60_000).unref();

const [url, ...args] = process.argv.slice(2);
if (!url || !url.startsWith("http://127.0.0.1:")) {
  fail("usage: node follow.mjs http://127.0.0.1:PORT/jobs/ID/events [--subscribers N] [--reconnect-after K]");
}
const jobUrl = url.replace(/\/events$/, "");
function option(name, fallback) {
  const at = args.indexOf(name);
  if (at < 0) return fallback;
  const value = Number.parseInt(args[at + 1], 10);
  if (!(value > 0)) fail(`${name} takes a whole number above 0, not ${args[at + 1]}`);
  return value;
}

// Reads the stream from the start, or after `lastEventId`, until its final
// event or until `stopAfter` events were received.
function follow(lastEventId, stopAfter = Infinity, onOpen = () => {}) {
  return new Promise((resolve, reject) => {
    const source = new EventSource(url, {
      fetch: (input, init) =>
        fetch(input, {
          ...init,
          headers: {
            ...init.headers,
            ...(lastEventId === undefined ? {} : { "Last-Event-ID": lastEventId }),
          },
        }),
    });
    const events = [];
    source.onopen = onOpen;
    for (const kind of KINDS) {
      source.addEventListener(kind, (e) => {
        let data;
        try {
          data = JSON.parse(e.data);
        } catch (err) {
          source.close();
          reject(new Error(`event ${e.lastEventId} (${kind}): data is not JSON: ${e.data}`));
          return;
        }
        events.push({ id: e.lastEventId, event: e.type, data });
        if (FINAL.has(kind) || events.length >= stopAfter) {
          source.close();
          resolve(events);
        }
      });
    }
    source.addEventListener("message", (e) => {
      source.close();
      reject(new Error(`an event without a name: ${e.data}`));
    });
    source.onerror = (e) => {
      // CONNECTING: the library reconnects by itself (with its own
      // Last-Event-ID); CLOSED: it gave up.
      if (source.readyState === EventSource.CLOSED) {
        reject(new Error(`the stream failed: ${e.message ?? e.code ?? "closed"}`));
      }
    };
  });
}

try {
  const reconnectAfter = option("--reconnect-after", 0);
  if (reconnectAfter > 0) {
    const first = await follow(undefined, reconnectAfter);
    // Where the job is while no stream is open.
    const job = await (await fetch(jobUrl)).json();
    const last = first.at(-1);
    const second = FINAL.has(last.event) ? [] : await follow(last.id);
    print({ first, between: job.status, second });
  } else {
    const n = option("--subscribers", 1);
    // Where the job is once every subscriber is connected.
    let opened = 0;
    let resolveOpen;
    const allOpen = new Promise((resolve) => (resolveOpen = resolve));
    const whenOpen = allOpen.then(async () => (await (await fetch(jobUrl)).json()).status);
    const onOpen = () => {
      opened += 1;
      if (opened === n) resolveOpen();
    };
    const subscribers = await Promise.all(Array.from({ length: n }, () => follow(undefined, Infinity, onOpen)));
    print({ subscribers, open: await whenOpen });
  }
} catch (err) {
  fail(err.message);
}
