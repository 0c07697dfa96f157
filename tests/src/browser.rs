//! A headless Chromium driven through the DevTools protocol over a pipe
//! (`--remote-debugging-pipe`: JSON messages ended by a NUL byte, commands on
//! the browser's fd 3, answers and events on its fd 4), for the Studio page's
//! tests and `scripts/screenshot`. No WebSocket, no driver binary, no crate:
//! a shell `exec` maps our stdin/stdout pipes onto fds 3 and 4. Debian's
//! `chromium` (or `$HARPER_CHROMIUM`); nothing is downloaded.
//!
//! Every call has a deadline; the page's console messages and uncaught
//! exceptions are kept, and printed when a test that holds the browser fails.

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use base64::Engine as _;
use serde_json::{Value, json};

/// How long one DevTools command may take.
pub const CALL_TIMEOUT: Duration = Duration::from_secs(30);
/// How long [`Browser::wait`] polls before it fails.
pub const PAGE_WAIT: Duration = Duration::from_secs(30);
/// Polling period of [`Browser::wait`].
const PAGE_POLL: Duration = Duration::from_millis(100);
/// The window (a laptop).
pub const WIDTH: u32 = 1280;
pub const HEIGHT: u32 = 900;
/// Names tried in `PATH` when `$HARPER_CHROMIUM` is unset.
const NAMES: [&str; 3] = ["chromium", "chromium-browser", "google-chrome"];

/// The Chromium binary, if there is one.
pub fn chromium() -> Option<PathBuf> {
    if let Ok(p) = std::env::var("HARPER_CHROMIUM") {
        return Some(PathBuf::from(p));
    }
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .flat_map(|d| NAMES.iter().map(move |n| d.join(n)))
        .find(|p| p.is_file())
}

/// The browser for a test, or `None` (with a message) when there is no
/// Chromium and `HARPER_REQUIRE_BROWSER` is unset; with it set, no Chromium
/// fails the test.
pub fn for_test() -> Option<Browser> {
    match chromium() {
        Some(bin) => Some(Browser::launch(&bin)),
        None if std::env::var_os("HARPER_REQUIRE_BROWSER").is_some() => panic!(
            "HARPER_REQUIRE_BROWSER is set but no Chromium was found (install Debian's `chromium`, or set HARPER_CHROMIUM)"
        ),
        None => {
            eprintln!(
                "SKIPPED: no Chromium in PATH (apt-get install chromium); set HARPER_REQUIRE_BROWSER=1 to make this a failure"
            );
            None
        }
    }
}

/// One headless browser with one page, attached.
pub struct Browser {
    child: Child,
    to: ChildStdin,
    answers: Receiver<Value>,
    next_id: u64,
    session: String,
    console: Arc<Mutex<Vec<String>>>,
    profile: tempfile::TempDir,
}

impl Browser {
    /// Start `bin` headless with a fresh profile and open a blank page.
    pub fn launch(bin: &Path) -> Browser {
        let profile = tempfile::Builder::new()
            .prefix("harper-chromium-")
            .tempdir()
            .expect("profile dir");
        let stderr = std::fs::File::create(profile.path().join("stderr.log")).expect("stderr log");
        let mut child = Command::new("sh")
            .arg("-c")
            .arg(r#"exec "$0" "$@" 3<&0 4>&1 </dev/null >/dev/null"#)
            .arg(bin)
            .args([
                "--headless",
                "--remote-debugging-pipe",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--no-first-run",
                "--no-default-browser-check",
                "--disable-extensions",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-default-apps",
                "--metrics-recording-only",
                "--mute-audio",
                "--hide-scrollbars",
                // Test nodes serve HTTPS with their own self-signed certificate.
                "--ignore-certificate-errors",
                &format!("--window-size={WIDTH},{HEIGHT}"),
                &format!("--user-data-dir={}", profile.path().display()),
                "about:blank",
            ])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(stderr)
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {}: {e}", bin.display()));
        let to = child.stdin.take().expect("stdin");
        let from = child.stdout.take().expect("stdout");
        let (tx, answers) = channel();
        let console = Arc::new(Mutex::new(Vec::new()));
        let log = console.clone();
        std::thread::spawn(move || {
            let mut r = BufReader::new(from);
            let mut buf = Vec::new();
            while matches!(r.read_until(0, &mut buf), Ok(n) if n > 0) {
                if buf.last() == Some(&0) {
                    buf.pop();
                }
                if let Ok(v) = serde_json::from_slice::<Value>(&buf) {
                    if v.get("id").is_some() {
                        if tx.send(v).is_err() {
                            return;
                        }
                    } else if let Some(line) = console_line(&v) {
                        log.lock().unwrap().push(line);
                    }
                }
                buf.clear();
            }
        });
        let mut b = Browser {
            child,
            to,
            answers,
            next_id: 0,
            session: String::new(),
            console,
            profile,
        };
        let target = b.browser_call("Target.createTarget", json!({"url": "about:blank"}));
        let target = target["targetId"].as_str().expect("targetId").to_owned();
        let attached = b.browser_call(
            "Target.attachToTarget",
            json!({"targetId": target, "flatten": true}),
        );
        b.session = attached["sessionId"]
            .as_str()
            .expect("sessionId")
            .to_owned();
        b.call("Runtime.enable", json!({}));
        b.call("Log.enable", json!({}));
        b.call("Page.enable", json!({}));
        b.viewport(WIDTH, HEIGHT, false);
        b
    }

    fn send(&mut self, session: Option<&str>, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let id = self.next_id;
        let mut msg = json!({"id": id, "method": method, "params": params});
        if let Some(s) = session {
            msg["sessionId"] = json!(s);
        }
        let mut bytes = serde_json::to_vec(&msg).expect("JSON");
        bytes.push(0);
        self.to
            .write_all(&bytes)
            .and_then(|_| self.to.flush())
            .unwrap_or_else(|e| panic!("the browser went away ({e}){}", self.diagnostics()));
        let end = Instant::now() + CALL_TIMEOUT;
        loop {
            let left = end.saturating_duration_since(Instant::now());
            match self.answers.recv_timeout(left) {
                Ok(v) if v["id"] == id => {
                    if let Some(e) = v.get("error") {
                        panic!("{method} failed: {e}{}", self.diagnostics());
                    }
                    return v["result"].clone();
                }
                Ok(_) => continue,
                Err(RecvTimeoutError::Timeout) => {
                    panic!(
                        "{method}: no answer within {CALL_TIMEOUT:?}{}",
                        self.diagnostics()
                    )
                }
                Err(RecvTimeoutError::Disconnected) => {
                    panic!(
                        "{method}: the browser closed its pipe{}",
                        self.diagnostics()
                    )
                }
            }
        }
    }

    fn browser_call(&mut self, method: &str, params: Value) -> Value {
        self.send(None, method, params)
    }

    /// A DevTools command to the page.
    pub fn call(&mut self, method: &str, params: Value) -> Value {
        let s = self.session.clone();
        self.send(Some(&s), method, params)
    }

    /// The page's size (and whether it is a phone: touch, mobile layout).
    pub fn viewport(&mut self, width: u32, height: u32, mobile: bool) {
        self.call(
            "Emulation.setDeviceMetricsOverride",
            json!({"width": width, "height": height, "deviceScaleFactor": 1, "mobile": mobile}),
        );
    }

    /// Open `url` and wait until it has loaded.
    pub fn goto(&mut self, url: &str) {
        self.call("Page.navigate", json!({ "url": url }));
        self.wait("the page to load", "document.readyState === 'complete'");
    }

    /// Evaluate `expr` in the page (promises awaited); its value as JSON, or
    /// the exception's text.
    pub fn try_eval(&mut self, expr: &str) -> Result<Value, String> {
        let r = self.call(
            "Runtime.evaluate",
            json!({"expression": expr, "returnByValue": true, "awaitPromise": true}),
        );
        if let Some(e) = r.get("exceptionDetails") {
            let text = e["exception"]["description"]
                .as_str()
                .or(e["text"].as_str())
                .unwrap_or("exception");
            return Err(text.to_owned());
        }
        Ok(r["result"]["value"].clone())
    }

    /// [`Browser::try_eval`] that must succeed.
    #[track_caller]
    pub fn eval(&mut self, expr: &str) -> Value {
        match self.try_eval(expr) {
            Ok(v) => v,
            Err(e) => panic!("`{expr}` threw: {e}{}", self.diagnostics()),
        }
    }

    /// Poll `expr` until it is truthy (not false, null, 0 or ""), and return
    /// its value; fail naming `what` with the last value and the console.
    #[track_caller]
    pub fn wait(&mut self, what: &str, expr: &str) -> Value {
        let end = Instant::now() + PAGE_WAIT;
        loop {
            let last = self.try_eval(expr);
            if let Ok(v) = &last
                && !matches!(v, Value::Null | Value::Bool(false))
                && v != &json!(0)
                && v != &json!("")
            {
                return v.clone();
            }
            if Instant::now() >= end {
                panic!(
                    "timed out after {PAGE_WAIT:?} waiting for {what} (`{expr}` was {last:?}){}",
                    self.diagnostics()
                );
            }
            std::thread::sleep(PAGE_POLL);
        }
    }

    /// Set an input's value as typing would (input and change events).
    pub fn fill(&mut self, selector: &str, value: &str) {
        let expr = format!(
            "(() => {{ const e = document.querySelector({s}); if (!e) throw new Error('no ' + {s}); \
             e.focus(); e.value = {v}; e.dispatchEvent(new Event('input', {{bubbles: true}})); \
             e.dispatchEvent(new Event('change', {{bubbles: true}})); return true; }})()",
            s = json!(selector),
            v = json!(value)
        );
        self.eval(&expr);
    }

    /// Click the element `selector` names, with a real mouse press and
    /// release at its centre (after scrolling it into view).
    pub fn click(&mut self, selector: &str) {
        let expr = format!(
            "(() => {{ const e = document.querySelector({s}); if (!e) throw new Error('no ' + {s}); \
             e.scrollIntoView({{block: 'center'}}); const r = e.getBoundingClientRect(); \
             return [r.left + r.width / 2, r.top + r.height / 2]; }})()",
            s = json!(selector)
        );
        let at = self.eval(&expr);
        let (x, y) = (at[0].as_f64().unwrap_or(0.0), at[1].as_f64().unwrap_or(0.0));
        for kind in ["mousePressed", "mouseReleased"] {
            self.call(
                "Input.dispatchMouseEvent",
                json!({"type": kind, "x": x, "y": y, "button": "left", "clickCount": 1}),
            );
        }
    }

    /// A PNG of the whole page at [`WIDTH`].
    pub fn screenshot(&mut self, path: &Path) {
        let h = self.eval("document.documentElement.scrollHeight");
        let h = h.as_u64().unwrap_or(HEIGHT as u64).clamp(200, 4000) as u32;
        self.viewport(WIDTH, h, false);
        let shot = self.call("Page.captureScreenshot", json!({"format": "png"}));
        let png = base64::engine::general_purpose::STANDARD
            .decode(shot["data"].as_str().expect("data"))
            .expect("base64 PNG");
        std::fs::write(path, png)
            .unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
        self.viewport(WIDTH, HEIGHT, false);
    }

    /// The page's console messages and exceptions so far.
    pub fn console(&self) -> Vec<String> {
        self.console.lock().unwrap().clone()
    }

    fn diagnostics(&self) -> String {
        let stderr =
            std::fs::read_to_string(self.profile.path().join("stderr.log")).unwrap_or_default();
        let tail: Vec<_> = stderr.lines().rev().take(20).collect();
        format!(
            "\n----- page console -----\n{}\n----- chromium stderr (last lines) -----\n{}",
            self.console().join("\n"),
            tail.into_iter().rev().collect::<Vec<_>>().join("\n")
        )
    }
}

/// A console message, exception or log entry as one line.
fn console_line(v: &Value) -> Option<String> {
    let p = &v["params"];
    match v["method"].as_str()? {
        "Runtime.consoleAPICalled" => {
            let args: Vec<String> = p["args"]
                .as_array()
                .map(|a| {
                    a.iter()
                        .map(|x| match &x["value"] {
                            Value::String(s) => s.clone(),
                            Value::Null => x["description"].as_str().unwrap_or("").to_owned(),
                            other => other.to_string(),
                        })
                        .collect()
                })
                .unwrap_or_default();
            Some(format!(
                "console.{}: {}",
                p["type"].as_str().unwrap_or("log"),
                args.join(" ")
            ))
        }
        "Runtime.exceptionThrown" => Some(format!(
            "exception: {}",
            p["exceptionDetails"]["exception"]["description"]
                .as_str()
                .or(p["exceptionDetails"]["text"].as_str())
                .unwrap_or("?")
        )),
        "Log.entryAdded" => Some(format!(
            "{} ({}): {}",
            p["entry"]["level"].as_str().unwrap_or("log"),
            p["entry"]["source"].as_str().unwrap_or("?"),
            p["entry"]["text"].as_str().unwrap_or("")
        )),
        _ => None,
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        if std::thread::panicking() {
            eprintln!("{}", self.diagnostics());
        }
        // Ask politely, then make sure: the pipe closing also ends it.
        let mut bytes = serde_json::to_vec(&json!({"id": 0, "method": "Browser.close"})).unwrap();
        bytes.push(0);
        let _ = self.to.write_all(&bytes);
        let end = Instant::now() + Duration::from_secs(5);
        while Instant::now() < end {
            if matches!(self.child.try_wait(), Ok(Some(_))) {
                return;
            }
            std::thread::sleep(PAGE_POLL);
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
