//! `zona serve`: HTTP tests against a real server on an ephemeral loopback port (the library's
//! router, started in-process), with a plain HTTP/1.1 client over a TCP stream so that raw
//! paths reach the server unnormalized.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Arc;
use std::time::Duration;

use zona_core::Lang;
use zona_serve::{App, ServeOptions};

use crate::util::root;

pub const SAMPLE: &str = "lke-contoh-kantor-imigrasi-nusantara-2025.xlsx";

pub fn sample() -> PathBuf {
    root().join("samples").join(SAMPLE)
}

/// A server running in a background thread for the rest of the test process.
pub struct Server {
    pub addr: SocketAddr,
    pub app: Arc<App>,
}

pub fn start(options: ServeOptions) -> Server {
    start_app(App::new(zona_eval::CriteriaSet::builtin(), options))
}

/// Serves an app already built (the PortalRB tests build theirs from a folder).
pub fn start_app(app: Arc<App>) -> Server {
    let (tx, rx) = std::sync::mpsc::channel();
    let served = app.clone();
    std::thread::spawn(move || {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .expect("runtime");
        runtime.block_on(async move {
            let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
                .await
                .expect("bind");
            tx.send(listener.local_addr().expect("addr")).expect("send");
            let _ = zona_serve::serve(listener, served).await;
        });
    });
    let addr = rx.recv_timeout(Duration::from_secs(30)).expect("server up");
    Server { addr, app }
}

pub struct Response {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Response {
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// Sends one request (`Connection: close`) and reads the whole response.
pub fn request(
    addr: SocketAddr,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &[u8],
) -> Response {
    let mut stream = TcpStream::connect(addr).expect("connect");
    stream
        .set_read_timeout(Some(Duration::from_secs(120)))
        .expect("timeout");
    // The server's own address as Host, unless the test gives one.
    let mut head = if headers.iter().any(|(n, _)| n.eq_ignore_ascii_case("host")) {
        format!("{method} {path} HTTP/1.1\r\nConnection: close\r\n")
    } else {
        format!("{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n")
    };
    for (n, v) in headers {
        head.push_str(&format!("{n}: {v}\r\n"));
    }
    if !body.is_empty() || method == "POST" {
        head.push_str(&format!("Content-Length: {}\r\n", body.len()));
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes()).expect("write head");
    stream.write_all(body).expect("write body");
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).expect("read response");
    parse_response(&raw)
}

fn parse_response(raw: &[u8]) -> Response {
    let end = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("response head");
    let head = String::from_utf8_lossy(&raw[..end]).into_owned();
    let mut lines = head.split("\r\n");
    let status: u16 = lines
        .next()
        .and_then(|l| l.split(' ').nth(1))
        .and_then(|s| s.parse().ok())
        .expect("status");
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_string(), v.trim().to_string()))
        .collect();
    let mut body = raw[end + 4..].to_vec();
    let chunked = headers
        .iter()
        .any(|(n, v)| n.eq_ignore_ascii_case("transfer-encoding") && v.contains("chunked"));
    if chunked {
        body = dechunk(&body);
    }
    Response {
        status,
        headers,
        body,
    }
}

fn dechunk(mut data: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    loop {
        let Some(eol) = data.windows(2).position(|w| w == b"\r\n") else {
            return out;
        };
        let size =
            usize::from_str_radix(String::from_utf8_lossy(&data[..eol]).trim(), 16).unwrap_or(0);
        if size == 0 {
            return out;
        }
        out.extend_from_slice(&data[eol + 2..eol + 2 + size]);
        data = &data[eol + 2 + size + 2..];
    }
}

pub const BOUNDARY: &str = "zonaTestBoundary7MA4YWxkTrZu0gW";

/// A multipart/form-data body: the file as `workbook`, then the fields.
pub fn multipart(file_name: &str, data: &[u8], fields: &[(&str, &str)]) -> Vec<u8> {
    let mut body = Vec::new();
    for (n, v) in fields {
        body.extend_from_slice(
            format!("--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{n}\"\r\n\r\n{v}\r\n")
                .as_bytes(),
        );
    }
    body.extend_from_slice(
        format!(
            "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"workbook\"; filename=\"{file_name}\"\r\nContent-Type: application/octet-stream\r\n\r\n"
        )
        .as_bytes(),
    );
    body.extend_from_slice(data);
    body.extend_from_slice(format!("\r\n--{BOUNDARY}--\r\n").as_bytes());
    body
}

pub fn upload(server: &Server, file_name: &str, data: &[u8], fields: &[(&str, &str)]) -> Response {
    let content_type = format!("multipart/form-data; boundary={BOUNDARY}");
    request(
        server.addr,
        "POST",
        "/score",
        &[("Content-Type", &content_type)],
        &multipart(file_name, data, fields),
    )
}

/// The text of the element with this id (`id="total">83,74<`).
pub fn by_id(page: &str, id: &str) -> Option<String> {
    let at = page.find(&format!("id=\"{id}\""))?;
    let rest = &page[at..];
    let start = rest.find('>')? + 1;
    let end = rest[start..].find('<')?;
    Some(rest[start..start + end].to_string())
}

/// The predicates' statuses on the page, in order: (key, status).
pub fn verdicts(page: &str) -> Vec<(String, String)> {
    page.split("data-predicate=\"")
        .skip(1)
        .filter_map(|s| {
            let (key, rest) = s.split_once('"')?;
            let rest = rest.split_once("data-status=\"")?.1;
            Some((key.to_string(), rest.split_once('"')?.0.to_string()))
        })
        .collect()
}

/// `zona score --format json` of a file.
pub fn cli_json(file: &Path) -> serde_json::Value {
    let out = Command::new(env!("CARGO_BIN_EXE_zona"))
        .args(["score", "--format", "json"])
        .arg(file)
        .output()
        .expect("zona score");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("json")
}

/// What `zona score NAME --out` writes when run beside the file (the report names the file as
/// given).
pub fn cli_report(file: &Path, extra: &[&str]) -> Vec<u8> {
    let dir = tempfile::tempdir().expect("tempdir");
    let name = file.file_name().expect("name");
    std::fs::copy(file, dir.path().join(name)).expect("copy");
    let out = Command::new(env!("CARGO_BIN_EXE_zona"))
        .arg("score")
        .arg(name)
        .args(["--out", "report.xlsx"])
        .args(extra)
        .current_dir(dir.path())
        .output()
        .expect("zona score --out");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    std::fs::read(dir.path().join("report.xlsx")).expect("report")
}

fn report_link(page: &str) -> String {
    let at = page.find("href=\"/report/").expect("report link") + "href=\"".len();
    page[at..]
        .split('"')
        .next()
        .expect("link")
        .replace("&amp;", "&")
}

#[test]
fn serve_upload_shows_the_cli_total_and_verdicts_and_the_report_is_the_cli_bytes() {
    let server = start(ServeOptions::default());
    let data = std::fs::read(sample()).expect("sample");
    let r = upload(&server, SAMPLE, &data, &[("lang", "id")]);
    assert_eq!(r.status, 200, "{}", r.text());
    let page = r.text();
    let json = cli_json(&sample());
    let total = json["total"].as_f64().expect("total");
    assert_eq!(
        by_id(&page, "total").as_deref(),
        Some(zona_core::lang::fmt2(total, Lang::Id).as_str())
    );
    let expected: Vec<(String, String)> = json["predicates"]
        .as_array()
        .expect("predicates")
        .iter()
        .map(|p| {
            (
                p["key"].as_str().unwrap_or("").to_string(),
                p["status"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect();
    assert_eq!(verdicts(&page), expected);
    assert!(page.contains("<svg id=\"radar\""));
    assert!(page.contains("Kantor Imigrasi"), "unit on the page");
    assert!(!page.contains("/tmp"), "no temporary path on the page");

    let link = report_link(&page);
    let report = request(server.addr, "GET", &link, &[], &[]);
    assert_eq!(report.status, 200);
    assert!(report
        .header("content-disposition")
        .is_some_and(|d| d.contains("attachment")));
    assert!(
        report.body == cli_report(&sample(), &[]),
        "the downloaded report is what `zona score --out` writes"
    );

    // English, other options: the page in English only, the report with the same options.
    let r = upload(
        &server,
        SAMPLE,
        &data,
        &[("lang", "en"), ("unanswered", "exclude"), ("prior", "yes")],
    );
    assert_eq!(r.status, 200, "{}", r.text());
    let page = r.text();
    assert!(page.contains("<html lang=\"en\">"));
    for indonesian in ["Nilai total", "Predikat", "Unduh laporan", "Memenuhi"] {
        assert!(
            !page.contains(indonesian),
            "{indonesian} on the English page"
        );
    }
    let report = request(server.addr, "GET", &report_link(&page), &[], &[]);
    assert!(
        report.body
            == cli_report(
                &sample(),
                &[
                    "--lang",
                    "en",
                    "--unanswered",
                    "exclude",
                    "--prior-wbk",
                    "yes"
                ]
            )
    );
}

#[test]
fn serve_corrupt_upload_is_an_error_page_and_the_server_goes_on() {
    let server = start(ServeOptions::default());
    let r = upload(&server, "rusak.xlsx", b"PK\x03\x04 not a workbook", &[]);
    assert_eq!(r.status, 400);
    let page = r.text();
    let message = by_id(&page, "message").expect("message");
    assert!(message.contains("rusak.xlsx"), "{message}");
    assert!(!page.contains("/tmp"), "{page}");
    // A hostile name is escaped and cut to its last component.
    let r = upload(&server, "../../<script>x</script>.xlsx", b"garbage", &[]);
    assert_eq!(r.status, 400);
    assert!(!r.text().contains("<script>x"), "{}", r.text());
    // Bad option values and a missing file are 400 pages too.
    let data = std::fs::read(sample()).expect("sample");
    assert_eq!(
        upload(&server, SAMPLE, &data, &[("layer", "x")]).status,
        400
    );
    assert_eq!(upload(&server, "kosong.xlsx", b"", &[]).status, 400);
    // Still serving.
    assert_eq!(request(server.addr, "GET", "/", &[], &[]).status, 200);
}

#[test]
fn serve_long_and_non_latin_upload_names_are_read_as_their_kind() {
    // A 126-letter name lost its `.xlsx` (cut at 120 characters) and a name of 90 CJK characters
    // (270 bytes) could not be stored. The workbook holds a hidden copy of an item row, which
    // only zona's own xlsx reader sees (read by calamine, by the extension lost or in capitals,
    // it scored 83,49): each scores 83,74.
    let server = start(ServeOptions::default());
    let data = std::fs::read(crate::util::root().join("tests/data/hostile/baris-tersembunyi.xlsx"))
        .expect("workbook");
    for name in [
        format!("lke-kantor-{}.xlsx", "b".repeat(115)),
        format!("{}.xlsx", "評".repeat(90)),
        "LKE-KANIM.XLSX".to_string(),
    ] {
        let r = upload(&server, &name, &data, &[]);
        assert_eq!(r.status, 200, "{name}: {}", r.text());
        assert_eq!(
            by_id(&r.text(), "total").as_deref(),
            Some("83,74"),
            "{name}"
        );
    }
}

#[test]
fn serve_oversized_upload_is_a_413_page() {
    let server = start(ServeOptions {
        max_upload_bytes: 1024 * 1024,
        ..ServeOptions::default()
    });
    let big = vec![0u8; 3 * 1024 * 1024];
    let r = upload(&server, "besar.xlsx", &big, &[]);
    assert_eq!(r.status, 413);
    assert!(by_id(&r.text(), "message").is_some_and(|m| m.contains("1 MB")));
    // Just over the file limit, within the form's allowance: 413 as well.
    let r = upload(&server, "besar.xlsx", &vec![0u8; 1024 * 1024 + 10], &[]);
    assert_eq!(r.status, 413);
}

#[test]
fn serve_a_stalled_upload_is_ended_and_many_wait_for_a_turn_to_be_read() {
    // Uploads that sent part of their body and stopped held their memory with no timeout (20 of
    // 15 MB each took the server from 120 to 415 MB), and nothing answered them.
    use std::io::{Read, Write};
    let server = start(ServeOptions {
        upload_idle: Duration::from_millis(500),
        max_parallel: 1,
        ..ServeOptions::default()
    });
    let stall = || {
        let mut s = std::net::TcpStream::connect(server.addr).expect("connect");
        s.write_all(
            b"POST /score HTTP/1.1\r\nHost: localhost\r\nContent-Type: multipart/form-data; boundary=x\r\nContent-Length: 1000000\r\n\r\n--x\r\n",
        )
        .expect("send");
        s
    };
    // More stalled uploads than turns to be read (4 per evaluation): each is answered in turn.
    let mut stalled: Vec<std::net::TcpStream> = (0..6).map(|_| stall()).collect();
    for s in &mut stalled {
        s.set_read_timeout(Some(Duration::from_secs(20)))
            .expect("timeout");
        let mut answer = String::new();
        let _ = s.read_to_string(&mut answer);
        assert!(answer.starts_with("HTTP/1.1 408"), "{answer:.200}");
        assert!(answer.contains("Unggahan terhenti"), "{answer:.400}");
    }
    // The server still scores.
    let r = upload(
        &server,
        "contoh.xlsx",
        &std::fs::read(sample()).expect("sample"),
        &[],
    );
    assert_eq!(r.status, 200);
}

#[test]
fn serve_without_a_token_answers_local_names_and_its_own_forms_only() {
    // Any Host was served (a DNS-rebinding page could use the scorer and read its results), and a
    // form posted from another site was scored (and could push the user's results out).
    let server = start(ServeOptions::default());
    let port = server.addr.port();
    for host in [
        "attacker.test",
        &format!("attacker.test:{port}"),
        "10.0.0.1",
    ] {
        let r = request(server.addr, "GET", "/", &[("Host", host)], b"");
        assert_eq!(r.status, 421, "{host}");
        assert!(r.text().contains("hanya melayani alamat lokal"), "{host}");
    }
    for host in [
        format!("localhost:{port}"),
        format!("127.0.0.1:{port}"),
        format!("[::1]:{port}"),
    ] {
        let r = request(server.addr, "GET", "/", &[("Host", host.as_str())], b"");
        assert_eq!(r.status, 200, "{host}");
    }
    let cross: [&[(&str, &str)]; 3] = [
        &[("Origin", "http://attacker.test")],
        &[("Sec-Fetch-Site", "cross-site")],
        &[("Sec-Fetch-Site", "cross-site"), ("Origin", "null")],
    ];
    for headers in cross {
        let r = request(server.addr, "POST", "/score", headers, b"");
        assert_eq!(r.status, 403, "{headers:?}");
        assert!(r.text().contains("Formulir dari situs lain ditolak"));
    }
    // Its own page's form is scored: same origin, or `Origin: null`, what Chromium sends with it
    // under the page's `Referrer-Policy: no-referrer`.
    let content_type = format!("multipart/form-data; boundary={BOUNDARY}");
    let workbook = std::fs::read(sample()).expect("sample");
    for origin in ["null".to_string(), format!("http://{}", server.addr)] {
        let r = request(
            server.addr,
            "POST",
            "/score",
            &[
                ("Content-Type", content_type.as_str()),
                ("Origin", origin.as_str()),
                ("Sec-Fetch-Site", "same-origin"),
            ],
            &multipart("contoh.xlsx", &workbook, &[]),
        );
        assert_eq!(r.status, 200, "{origin}: {}", r.text());
    }
}

#[test]
fn serve_refuses_a_non_loopback_address_without_a_token() {
    let out = Command::new(env!("CARGO_BIN_EXE_zona"))
        .args(["serve", "--bind", "0.0.0.0:0", "--lang", "en"])
        .output()
        .expect("zona serve");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("not a loopback address"), "{err}");
    let bind: SocketAddr = "0.0.0.0:8080".parse().expect("addr");
    assert!(zona_serve::check_bind(&bind, None).is_err());
    assert!(zona_serve::check_bind(&bind, Some("short")).is_err());
    assert!(zona_serve::check_bind(&bind, Some(&zona_serve::generate_token())).is_ok());
    let local: SocketAddr = "127.0.0.1:8080".parse().expect("addr");
    assert!(zona_serve::check_bind(&local, None).is_ok());
}

#[test]
fn serve_token_by_bearer_or_cookie() {
    let token = zona_serve::generate_token();
    let server = start(ServeOptions {
        token: Some(token.clone()),
        ..ServeOptions::default()
    });
    assert_eq!(request(server.addr, "GET", "/", &[], &[]).status, 401);
    let wrong = format!("Bearer {}", zona_serve::generate_token());
    assert_eq!(
        request(server.addr, "GET", "/", &[("Authorization", &wrong)], &[]).status,
        401
    );
    let bearer = format!("Bearer {token}");
    assert_eq!(
        request(server.addr, "GET", "/", &[("Authorization", &bearer)], &[]).status,
        200
    );
    let r = request(server.addr, "GET", &format!("/?token={token}"), &[], &[]);
    assert_eq!(r.status, 303);
    let cookie = r.header("set-cookie").expect("cookie");
    assert!(cookie.contains("HttpOnly"));
    let cookie = cookie.split(';').next().expect("cookie").to_string();
    assert_eq!(
        request(server.addr, "GET", "/", &[("Cookie", &cookie)], &[]).status,
        200
    );
    assert_eq!(
        request(server.addr, "GET", "/template.xlsx", &[], &[]).status,
        401
    );
}

#[test]
fn serve_security_headers_and_no_path_reaches_a_file() {
    let server = start(ServeOptions::default());
    for path in ["/", "/style.css", "/app.js", "/nothing", "/report/0"] {
        let r = request(server.addr, "GET", path, &[], &[]);
        let csp = r.header("content-security-policy").expect("csp");
        assert!(
            csp.contains("default-src 'none'") && !csp.contains("http"),
            "{csp}"
        );
        assert_eq!(r.header("x-content-type-options"), Some("nosniff"));
        assert_eq!(r.header("x-frame-options"), Some("DENY"));
        assert_eq!(r.header("referrer-policy"), Some("no-referrer"));
    }
    let attempts = [
        "/../../../../etc/passwd",
        "/%2e%2e/%2e%2e/etc/passwd",
        "/report/../../../etc/passwd",
        "/report/..%2F..%2F..%2Fetc%2Fpasswd",
        "/report/%2e%2e%2f%2e%2e%2fCargo.toml",
        "/report/00000000000000000000000000000000",
        "/report/../../Cargo.toml",
        "/template.xlsx/../../Cargo.toml",
        "/style.css/../../Cargo.toml",
        "/app.js/..%2f..%2fCargo.toml",
        "/score/../../Cargo.toml",
        "//etc/passwd",
        "/samples/",
        "/samples/lke-contoh-kantor-imigrasi-nusantara-2025.xlsx",
        "/src/",
        "/crates/",
        "/Cargo.toml",
        "/..%5c..%5cCargo.toml",
    ];
    for path in attempts {
        let r = request(server.addr, "GET", path, &[], &[]);
        assert!(
            r.status == 404 || r.status == 400,
            "{path}: {} {}",
            r.status,
            r.text()
        );
        let text = r.text();
        assert!(
            !text.contains("root:") && !text.contains("[package]"),
            "{path}"
        );
        let r = request(server.addr, "POST", path, &[], &[]);
        assert!(
            [400, 404, 405].contains(&r.status),
            "POST {path}: {}",
            r.status
        );
    }
}

#[test]
fn serve_template_is_the_cli_template() {
    let server = start(ServeOptions::default());
    for lang in ["id", "en"] {
        let r = request(
            server.addr,
            "GET",
            &format!("/template.xlsx?lang={lang}"),
            &[],
            &[],
        );
        assert_eq!(r.status, 200);
        let dir = tempfile::tempdir().expect("tempdir");
        let out = dir.path().join("t.xlsx");
        let o = Command::new(env!("CARGO_BIN_EXE_zona"))
            .args(["template", "--lang", lang, "--out"])
            .arg(&out)
            .output()
            .expect("zona template");
        assert!(o.status.success());
        assert!(r.body == std::fs::read(&out).expect("template"), "{lang}");
    }
}

#[test]
fn serve_keeps_a_bounded_number_of_results() {
    let server = start(ServeOptions {
        max_results: 2,
        ..ServeOptions::default()
    });
    let data = std::fs::read(sample()).expect("sample");
    let links: Vec<String> = (0..3)
        .map(|_| report_link(&upload(&server, SAMPLE, &data, &[]).text()))
        .collect();
    assert_eq!(server.app.results_kept(), 2);
    assert_eq!(request(server.addr, "GET", &links[0], &[], &[]).status, 404);
    assert_eq!(request(server.addr, "GET", &links[2], &[], &[]).status, 200);
}

/// A multipart/form-data body with several files as `workbook` (in order), then the fields.
pub fn multipart_files(files: &[(&str, &[u8])], fields: &[(&str, &str)]) -> Vec<u8> {
    let mut body = Vec::new();
    for (n, v) in fields {
        body.extend_from_slice(
            format!("--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{n}\"\r\n\r\n{v}\r\n")
                .as_bytes(),
        );
    }
    for (name, data) in files {
        body.extend_from_slice(
            format!(
                "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"workbook\"; filename=\"{name}\"\r\nContent-Type: application/octet-stream\r\n\r\n"
            )
            .as_bytes(),
        );
        body.extend_from_slice(data);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{BOUNDARY}--\r\n").as_bytes());
    body
}

fn upload_files(server: &Server, files: &[(&str, &[u8])], fields: &[(&str, &str)]) -> Response {
    let content_type = format!("multipart/form-data; boundary={BOUNDARY}");
    request(
        server.addr,
        "POST",
        "/score",
        &[("Content-Type", &content_type)],
        &multipart_files(files, fields),
    )
}

fn expected_verdicts(json: &serde_json::Value) -> Vec<(String, String)> {
    json["predicates"]
        .as_array()
        .expect("predicates")
        .iter()
        .map(|p| {
            (
                p["key"].as_str().unwrap_or("").to_string(),
                p["status"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect()
}

#[test]
fn serve_json_upload_scores_like_the_cli() {
    let dir = tempfile::tempdir().expect("tempdir");
    let doc = dir.path().join("jawaban-unit.json");
    let o = Command::new(env!("CARGO_BIN_EXE_zona"))
        .args(["portalrb", "export"])
        .arg(sample())
        .arg("--out")
        .arg(&doc)
        .output()
        .expect("zona portalrb export");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let server = start(ServeOptions::default());
    let data = std::fs::read(&doc).expect("document");
    let r = upload(&server, "jawaban-unit.json", &data, &[]);
    assert_eq!(r.status, 200, "{}", r.text());
    let page = r.text();
    let json = cli_json(&doc);
    let total = json["total"].as_f64().expect("total");
    assert_eq!(
        by_id(&page, "total").as_deref(),
        Some(zona_core::lang::fmt2(total, Lang::Id).as_str())
    );
    assert_eq!(verdicts(&page), expected_verdicts(&json));
    let report = request(server.addr, "GET", &report_link(&page), &[], &[]);
    assert!(
        report.body == cli_report(&doc, &[]),
        "the JSON's report is the CLI's"
    );
}

/// The verdicts of a comparison page: (column, predicate key, status).
fn compare_verdicts(page: &str) -> Vec<(usize, String, String)> {
    page.split("data-column=\"")
        .skip(1)
        .filter_map(|s| {
            let (col, rest) = s.split_once('"')?;
            let rest = rest.strip_prefix(" data-predicate=\"")?;
            let (key, rest) = rest.split_once('"')?;
            let rest = rest.split_once("data-status=\"")?.1;
            Some((
                col.parse().ok()?,
                key.to_string(),
                rest.split_once('"')?.0.to_string(),
            ))
        })
        .collect()
}

fn links(page: &str, class: &str) -> Vec<String> {
    page.split("<a href=\"")
        .skip(1)
        .filter_map(|s| {
            let (href, rest) = s.split_once('"')?;
            rest.starts_with(&format!(" class=\"{class}\""))
                .then(|| href.replace("&amp;", "&"))
        })
        .collect()
}

#[test]
fn serve_several_years_are_compared_like_the_cli() {
    let names: Vec<String> = (2023..=2025)
        .map(|y| format!("lke-kantor-pelayanan-bahari-{y}.xlsx"))
        .collect();
    let batch = root().join("samples").join("batch");
    let data: Vec<Vec<u8>> = names
        .iter()
        .map(|n| std::fs::read(batch.join(n)).expect("sample"))
        .collect();
    // The CLI, run beside copies of the files, names as uploaded, in the same order.
    let dir = tempfile::tempdir().expect("tempdir");
    for (n, d) in names.iter().zip(&data) {
        std::fs::write(dir.path().join(n), d).expect("copy");
    }
    let o = Command::new(env!("CARGO_BIN_EXE_zona"))
        .arg("compare")
        .args(&names)
        .args(["--out", "perbandingan.xlsx", "--format", "json"])
        .current_dir(dir.path())
        .output()
        .expect("zona compare");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let cli: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    let cli_bytes = std::fs::read(dir.path().join("perbandingan.xlsx")).expect("workbook");

    let server = start(ServeOptions::default());
    let files: Vec<(&str, &[u8])> = names
        .iter()
        .zip(&data)
        .map(|(n, d)| (n.as_str(), d.as_slice()))
        .collect();
    let r = upload_files(&server, &files, &[("lang", "id")]);
    assert_eq!(r.status, 200, "{}", r.text());
    let page = r.text();
    assert!(!page.contains("/tmp"), "no temporary path on the page");
    assert!(!page.contains("units-differ"), "one unit");
    // The column labels and the verdicts per column are the CLI's.
    for c in cli["columns"].as_array().expect("columns") {
        let label = c["label"].as_str().expect("label");
        assert!(page.contains(&format!(">{label}</th>")), "{label}");
    }
    let mut expected = Vec::new();
    for p in cli["predicates"].as_array().expect("predicates") {
        for (j, c) in p["columns"].as_array().expect("cells").iter().enumerate() {
            expected.push((
                j,
                p["key"].as_str().unwrap_or("").to_string(),
                c["status"].as_str().unwrap_or("").to_string(),
            ));
        }
    }
    assert_eq!(compare_verdicts(&page), expected);
    for (j, col) in cli["total"]["columns"]
        .as_array()
        .expect("totals")
        .iter()
        .enumerate()
    {
        let score = zona_core::lang::fmt2(col["score"].as_f64().expect("score"), Lang::Id);
        let cell = page
            .split(&format!("data-total=\"{j}\""))
            .nth(1)
            .expect("total cell");
        assert!(
            cell.split_once('>').expect("cell").1.starts_with(&score),
            "{j}"
        );
    }
    // The comparison workbook is the CLI's bytes.
    let at = page.find("id=\"download-compare\"").expect("download link");
    let href = page[..at].rsplit("href=\"").next().expect("href");
    let href = href.split('"').next().expect("href").replace("&amp;", "&");
    let got = request(server.addr, "GET", &href, &[], &[]);
    assert_eq!(got.status, 200);
    assert!(
        got.body == cli_bytes,
        "the comparison is what `zona compare --out` writes"
    );
    // Each file's own result and report stay reachable.
    let results = links(&page, "file-result");
    let reports = links(&page, "file-report");
    assert_eq!(results.len(), 3);
    assert_eq!(reports.len(), 3);
    for (j, n) in names.iter().enumerate() {
        let own = request(server.addr, "GET", &results[j], &[], &[]);
        assert_eq!(own.status, 200);
        let json = cli_json(&batch.join(n));
        let total = zona_core::lang::fmt2(json["total"].as_f64().expect("total"), Lang::Id);
        assert_eq!(by_id(&own.text(), "total"), Some(total), "{n}");
        let report = request(server.addr, "GET", &reports[j], &[], &[]);
        assert!(report.body == cli_report(&batch.join(n), &[]), "{n}");
    }

    // Different units: a warning on the page.
    let other = std::fs::read(batch.join("lke-balai-sentosa-2024.xlsx")).expect("sample");
    let r = upload_files(
        &server,
        &[
            (names[0].as_str(), data[0].as_slice()),
            ("lke-balai-sentosa-2024.xlsx", other.as_slice()),
        ],
        &[("lang", "en")],
    );
    assert_eq!(r.status, 200, "{}", r.text());
    assert!(r.text().contains("id=\"units-differ\""), "{}", r.text());
    // The limit is on the whole upload.
    let small = start(ServeOptions {
        max_upload_bytes: data[0].len() + data[1].len() - 1,
        ..ServeOptions::default()
    });
    let r = upload_files(&small, &files[..2], &[]);
    assert_eq!(r.status, 413);
}

/// The process's resident memory in kB (`VmRSS` of /proc/self/status).
fn rss_kb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.split_whitespace().next()?.parse().ok())
}

#[test]
fn serve_fifty_concurrent_uploads_are_right_and_the_store_stays_bounded() {
    let batch = root().join("samples").join("batch");
    let mut samples: Vec<PathBuf> = std::fs::read_dir(&batch)
        .expect("batch")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "xlsx"))
        .collect();
    samples.sort();
    assert_eq!(samples.len(), 9);
    samples.push(sample());
    // The CLI's totals, once per sample.
    let expected: Vec<String> = samples
        .iter()
        .map(|s| zona_core::lang::fmt2(cli_json(s)["total"].as_f64().expect("total"), Lang::Id))
        .collect();
    let data: Vec<(String, Vec<u8>)> = samples
        .iter()
        .map(|s| {
            (
                s.file_name().expect("name").to_string_lossy().into_owned(),
                std::fs::read(s).expect("sample"),
            )
        })
        .collect();
    let ttl = Duration::from_secs(3);
    let max_results = 16;
    let server = Arc::new(start(ServeOptions {
        result_ttl: ttl,
        max_results,
        ..ServeOptions::default()
    }));
    let before = rss_kb();
    let data = Arc::new(data);
    let started = std::time::Instant::now();
    let threads: Vec<_> = (0..50)
        .map(|i| {
            let server = server.clone();
            let data = data.clone();
            std::thread::spawn(move || {
                let (name, bytes) = &data[i % data.len()];
                let r = upload(&server, name, bytes, &[]);
                assert_eq!(r.status, 200, "{name}: {}", r.text());
                (i, by_id(&r.text(), "total"))
            })
        })
        .collect();
    for t in threads {
        let (i, total) = t.join().expect("upload thread");
        assert_eq!(
            total.as_deref(),
            Some(expected[i % expected.len()].as_str()),
            "upload {i} ({})",
            data[i % data.len()].0
        );
    }
    let took = started.elapsed();
    assert!(server.app.results_kept() <= max_results);
    // After the results expire the store is empty and the memory comes back.
    std::thread::sleep(ttl + Duration::from_millis(200));
    assert_eq!(server.app.results_kept(), 0);
    if let (Some(before), Some(after)) = (before, rss_kb()) {
        assert!(
            after < before + 200 * 1024,
            "RSS {before} kB before, {after} kB after the results expired"
        );
        eprintln!("50 uploads in {took:?}; RSS {before} kB → {after} kB");
    }
}

/// A unit that holds a predicate (its unit sheet says so) sees first whether it still meets it,
/// as `zona score` says; a unit that holds none sees no such section.
#[test]
fn serve_a_holder_sees_the_keeping_verdict_first() {
    let server = start(ServeOptions::default());
    let file = crate::util::root().join("samples/batch/lke-kantor-pelayanan-bahari-2025.xlsx");
    let json = cli_json(&file);
    let k = &json["keeping"];
    assert!(k.is_object(), "the sample holds a predicate: {json}");
    let data = std::fs::read(&file).expect("sample");
    let r = upload(
        &server,
        "lke-kantor-pelayanan-bahari-2025.xlsx",
        &data,
        &[("lang", "id")],
    );
    assert_eq!(r.status, 200, "{}", r.text());
    let page = r.text();
    let verdict = by_id(&page, "keeping-verdict").expect("the keeping verdict");
    assert_eq!(verdict, html_escaped(k["verdict"].as_str().unwrap()));
    assert!(page.contains(&format!(
        "id=\"keeping\" data-status=\"{}\"",
        k["status"].as_str().unwrap()
    )));
    // It comes before the evidence and the predicates.
    let at = |s: &str| page.find(s).unwrap();
    assert!(at("id=\"keeping\"") < at("id=\"evidence\""));

    let data = std::fs::read(sample()).expect("sample");
    let page = upload(&server, SAMPLE, &data, &[("lang", "id")]).text();
    assert!(!page.contains("id=\"keeping\""));
}

fn html_escaped(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}
