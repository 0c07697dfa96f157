//! A small HTTP/1.1 client over `std::net::TcpStream` for driving a node's
//! operations port in tests, byte by byte when need be (half requests,
//! garbage, idle connections). Only 127.0.0.1; every read has a deadline.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{Ipv4Addr, SocketAddr, TcpStream};
use std::time::Duration;

use base64::Engine as _;
use serde_json::Value;

use crate::Node;

/// How long a test waits for any one answer before it fails.
pub const ANSWER_TIMEOUT: Duration = Duration::from_secs(30);

/// An HTTP answer.
#[derive(Debug, Clone)]
pub struct Answer {
    /// The status code.
    pub status: u16,
    /// Header names (lower case) and values, in order.
    pub headers: Vec<(String, String)>,
    /// The body as text.
    pub body: String,
}

impl Answer {
    /// The body as JSON (panics naming the body when it is not).
    #[track_caller]
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.body)
            .unwrap_or_else(|e| panic!("body is not JSON ({e}): {self:#?}"))
    }

    /// A header's value.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// `Basic` credentials.
pub fn basic(username: &str, password: &str) -> String {
    format!(
        "Basic {}",
        base64::engine::general_purpose::STANDARD.encode(format!("{username}:{password}"))
    )
}

/// One connection to a node's operations port, for several requests (keep-alive).
pub struct Conn {
    reader: BufReader<TcpStream>,
}

impl Conn {
    /// Connect to 127.0.0.1:`port`.
    pub fn open(port: u16) -> Conn {
        let stream =
            TcpStream::connect(("127.0.0.1", port)).expect("connect to the operations port");
        stream
            .set_read_timeout(Some(ANSWER_TIMEOUT))
            .expect("read timeout");
        Conn {
            reader: BufReader::new(stream),
        }
    }

    /// Connect to 127.0.0.1:`port` from another loopback address (`from` in
    /// 127.0.0.0/8): to the daemon, another client.
    pub fn open_from(port: u16, from: Ipv4Addr) -> Conn {
        assert!(from.is_loopback(), "tests stay on 127.0.0.0/8");
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_io()
            .build()
            .expect("tokio runtime");
        let stream = rt
            .block_on(async {
                let socket = tokio::net::TcpSocket::new_v4()?;
                socket.bind(SocketAddr::from((from, 0)))?;
                socket
                    .connect(SocketAddr::from((Ipv4Addr::LOCALHOST, port)))
                    .await
            })
            .and_then(|s| s.into_std())
            .unwrap_or_else(|e| panic!("connect to the operations port from {from}: {e}"));
        stream.set_nonblocking(false).expect("blocking socket");
        stream
            .set_read_timeout(Some(ANSWER_TIMEOUT))
            .expect("read timeout");
        Conn {
            reader: BufReader::new(stream),
        }
    }

    /// The socket, to write raw bytes.
    pub fn stream(&mut self) -> &mut TcpStream {
        self.reader.get_mut()
    }

    /// Send raw bytes.
    pub fn send_raw(&mut self, bytes: &[u8]) -> std::io::Result<()> {
        self.stream().write_all(bytes)
    }

    /// `POST /` with `body` and an optional `Authorization` header value.
    pub fn post(&mut self, authorization: Option<&str>, body: &str) -> Answer {
        let mut req = format!(
            "POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: {}\r\n",
            body.len()
        );
        if let Some(a) = authorization {
            req.push_str(&format!("Authorization: {a}\r\n"));
        }
        req.push_str("\r\n");
        req.push_str(body);
        self.send_raw(req.as_bytes()).expect("send the request");
        self.read_answer().expect("an answer")
    }

    /// A request without a body: `METHOD PATH` with an optional `Authorization` header value.
    pub fn request(&mut self, method: &str, path: &str, authorization: Option<&str>) -> Answer {
        let mut req = format!("{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n");
        if let Some(a) = authorization {
            req.push_str(&format!("Authorization: {a}\r\n"));
        }
        req.push_str("\r\n");
        self.send_raw(req.as_bytes()).expect("send the request");
        if method == "HEAD" {
            return self.read_head().expect("an answer");
        }
        self.read_answer().expect("an answer")
    }

    /// `GET path`.
    pub fn get(&mut self, path: &str, authorization: Option<&str>) -> Answer {
        self.request("GET", path, authorization)
    }

    /// Read an answer's status line and headers only (the answer to `HEAD`).
    pub fn read_head(&mut self) -> Option<Answer> {
        let (status, headers) = self.read_status_and_headers()?;
        Some(Answer {
            status,
            headers,
            body: String::new(),
        })
    }

    fn read_status_and_headers(&mut self) -> Option<(u16, Vec<(String, String)>)> {
        let mut line = String::new();
        if self.reader.read_line(&mut line).ok()? == 0 {
            return None;
        }
        let status = line.split(' ').nth(1)?.parse().ok()?;
        let mut headers = Vec::new();
        loop {
            let mut h = String::new();
            if self.reader.read_line(&mut h).ok()? == 0 {
                return None;
            }
            let h = h.trim_end();
            if h.is_empty() {
                break;
            }
            let (name, value) = h.split_once(':')?;
            headers.push((name.trim().to_ascii_lowercase(), value.trim().to_owned()));
        }
        Some((status, headers))
    }

    /// Read one answer; `None` when the server closed the connection first.
    pub fn read_answer(&mut self) -> Option<Answer> {
        let (status, headers) = self.read_status_and_headers()?;
        let len = headers
            .iter()
            .find(|(n, _)| n == "content-length")
            .and_then(|(_, v)| v.parse::<usize>().ok())
            .unwrap_or(0);
        let mut body = vec![0; len];
        self.reader.read_exact(&mut body).ok()?;
        Some(Answer {
            status,
            headers,
            body: String::from_utf8_lossy(&body).into_owned(),
        })
    }

    /// True when the server has closed the connection (end of file, or a
    /// reset); false when it sends more or nothing within [`ANSWER_TIMEOUT`].
    pub fn is_closed(&mut self) -> bool {
        let mut b = [0u8; 1];
        match self.reader.read(&mut b) {
            Ok(0) => true,
            Ok(_) => false,
            Err(e) => matches!(
                e.kind(),
                std::io::ErrorKind::ConnectionReset | std::io::ErrorKind::BrokenPipe
            ),
        }
    }
}

impl Node {
    /// `POST /` to this node's operations port as `admin`/`pw`.
    pub fn http(&self, body: &str) -> Answer {
        self.http_as(Some(&basic("admin", "pw")), body)
    }

    /// `POST /` with this `Authorization` header value (or none).
    pub fn http_as(&self, authorization: Option<&str>, body: &str) -> Answer {
        Conn::open(self.operations_port).post(authorization, body)
    }

    /// `GET path` on this node's operations port, with this `Authorization` header value (or none).
    pub fn http_get(&self, path: &str, authorization: Option<&str>) -> Answer {
        Conn::open(self.operations_port).get(path, authorization)
    }

    /// [`Node::http_as`] from the loopback address `from` (see [`Conn::open_from`]).
    pub fn http_from(&self, from: Ipv4Addr, authorization: Option<&str>, body: &str) -> Answer {
        Conn::open_from(self.operations_port, from).post(authorization, body)
    }

    /// `harper --target 127.0.0.1:<other's operations port> --username U --password P ARGS`
    /// from this node's root (and home).
    pub fn harper_target(
        &self,
        other: &Node,
        username: &str,
        password: &str,
        args: &[&str],
    ) -> crate::Run {
        let target = format!("127.0.0.1:{}", other.operations_port);
        let mut a = vec![
            "--target",
            &target,
            "--username",
            username,
            "--password",
            password,
        ];
        a.extend_from_slice(args);
        self.harper(&a)
    }
}
