//! The Studio's "Manage Clustering" page on `GET /` of the operations port,
//! when `localStudio.enabled` is true (HarperDB's key, default false). One
//! HTML document with its CSS and JavaScript inline, built into the binary
//! (`index.html`, `studio.css`, `studio.js` beside this file): no build step,
//! no CDN, no other path. The page talks to the same `POST /` operations API
//! as every client; nothing here runs an operation or reads a credential.
//!
//! Headers: a Content-Security-Policy that allows only the page's own inline
//! script and style (by their SHA-256), requests to its own origin, and no
//! framing; `X-Frame-Options: DENY`, `nosniff`, `no-referrer`, `no-store`.
//! Everything else (other methods, other paths, the page turned off) goes on
//! to the operations door's own answers, so `POST /` is unchanged.

use std::sync::OnceLock;

use base64::Engine as _;
use http_body_util::Full;
use hyper::body::Bytes;
use hyper::header::{self, HeaderValue};
use hyper::{Method, Request, Response, StatusCode};

const HTML: &str = include_str!("index.html");
const CSS: &str = include_str!("studio.css");
const JS: &str = include_str!("studio.js");
/// Where the template takes the style and the script.
const STYLE_SLOT: &str = "/*STUDIO_CSS*/";
const SCRIPT_SLOT: &str = "/*STUDIO_JS*/";

/// The assembled page and its policy, built once.
struct Page {
    html: Bytes,
    csp: HeaderValue,
}

fn page() -> &'static Page {
    static PAGE: OnceLock<Page> = OnceLock::new();
    PAGE.get_or_init(|| {
        let html = HTML
            .replacen(STYLE_SLOT, CSS, 1)
            .replacen(SCRIPT_SLOT, JS, 1);
        let csp = policy(CSS, JS);
        Page {
            html: Bytes::from(html),
            csp: HeaderValue::from_str(&csp).expect("the policy is ASCII"),
        }
    })
}

/// `'sha256-…'` of an inline block, as CSP hashes it (its exact bytes).
fn hash(text: &str) -> String {
    let digest = ring::digest::digest(&ring::digest::SHA256, text.as_bytes());
    format!(
        "'sha256-{}'",
        base64::engine::general_purpose::STANDARD.encode(digest.as_ref())
    )
}

/// The Content-Security-Policy: nothing but the page's own script and style,
/// `fetch` to its own origin, no forms posted elsewhere, no framing.
fn policy(css: &str, js: &str) -> String {
    format!(
        "default-src 'none'; script-src {}; style-src {}; connect-src 'self'; img-src 'self' data:; \
         base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
        hash(js),
        hash(css)
    )
}

/// The page, when `enabled` and the request is `GET /` (a query is
/// ignored); `None` sends the request on to the operations door.
pub fn answer<B>(enabled: bool, req: &Request<B>) -> Option<Response<Full<Bytes>>> {
    if !enabled || req.method() != Method::GET || req.uri().path() != "/" {
        return None;
    }
    let page = page();
    let mut r = Response::new(Full::new(page.html.clone()));
    *r.status_mut() = StatusCode::OK;
    let h = r.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    h.insert(header::CONTENT_SECURITY_POLICY, page.csp.clone());
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    h.insert(header::SERVER, HeaderValue::from_static(super::SERVER));
    Some(r)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn get(path: &str) -> Request<()> {
        Request::builder().uri(path).body(()).unwrap()
    }

    #[test]
    fn served_only_when_enabled_and_only_on_get_slash() {
        assert!(answer(false, &get("/")).is_none());
        assert!(answer(true, &get("/metrics")).is_none());
        assert!(answer(true, &get("/index.html")).is_none());
        let post = Request::builder().method("POST").uri("/").body(()).unwrap();
        assert!(answer(true, &post).is_none());
        let r = answer(true, &get("/?x=1")).expect("the page");
        assert_eq!(r.status(), 200);
        assert_eq!(r.headers()[header::X_FRAME_OPTIONS], "DENY");
    }

    #[test]
    fn the_page_is_whole_and_its_policy_hashes_its_own_blocks() {
        let p = page();
        let html = std::str::from_utf8(&p.html).unwrap();
        assert!(!html.contains(STYLE_SLOT) && !html.contains(SCRIPT_SLOT));
        assert!(html.contains(&format!("<script>{JS}</script>")));
        assert!(html.contains(&format!("<style>{CSS}</style>")));
        let csp = p.csp.to_str().unwrap();
        assert!(csp.contains(&hash(JS)) && csp.contains(&hash(CSS)));
        assert!(csp.starts_with("default-src 'none';"));
        assert!(csp.contains("frame-ancestors 'none'"));
        // No address outside the page's own origin, anywhere in it (the SVG
        // namespace is a name, never fetched).
        let html = html.replace("http://www.w3.org/2000/svg", "");
        for bad in ["http://", "https://", "//cdn", "src=\"http"] {
            assert!(!html.contains(bad), "the page names {bad}");
        }
    }

    #[test]
    fn the_script_never_puts_api_data_into_markup() {
        for bad in [
            "innerHTML",
            "outerHTML",
            "insertAdjacentHTML",
            "document.write",
            "eval(",
        ] {
            assert!(!JS.contains(bad), "studio.js uses {bad}");
        }
    }
}
