//! `zona serve` in a real browser: headless Chromium (Debian's `chromium` and `chromium-driver`)
//! driven over WebDriver (fantoccini) against the in-process server. Without chromedriver the
//! test is skipped with a note, unless ZONA_REQUIRE_BROWSER is set (CI sets it): then it fails.

use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::{ClientBuilder, Locator};
use zona_core::Lang;
use zona_serve::ServeOptions;

use crate::serve::{cli_json, cli_report, sample, start};
use crate::util::root;

/// A child process killed (and reaped) when dropped, whatever the test's outcome.
struct Killed(Child);

impl Drop for Killed {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn on_path(name: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|d| d.join(name))
        .find(|p| p.is_file())
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

fn wait_for_port(addr: SocketAddr, within: Duration) -> bool {
    let start = Instant::now();
    while start.elapsed() < within {
        if TcpStream::connect_timeout(&addr, Duration::from_millis(200)).is_ok() {
            return true;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    false
}

#[test]
fn browser_uploads_the_sample_and_reads_the_total_and_verdicts() {
    let Some(driver) = on_path("chromedriver") else {
        assert!(
            std::env::var_os("ZONA_REQUIRE_BROWSER").is_none(),
            "chromedriver is required (ZONA_REQUIRE_BROWSER is set) but not found \
             (apt-get install -y chromium chromium-driver)"
        );
        eprintln!(
            "NOTE: chromedriver not found: the browser test was skipped \
             (apt-get install -y chromium chromium-driver)"
        );
        return;
    };
    let server = start(ServeOptions::default());
    let port = free_port();
    let profile = tempfile::tempdir().expect("profile dir");
    let downloads = tempfile::tempdir().expect("download dir");
    let _driver = Killed(
        Command::new(driver)
            .arg(format!("--port={port}"))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start chromedriver"),
    );
    let driver_addr: SocketAddr = format!("127.0.0.1:{port}").parse().expect("addr");
    assert!(
        wait_for_port(driver_addr, Duration::from_secs(30)),
        "chromedriver did not start"
    );
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let shot = root().join("target").join("zona-serve-result.png");
    let outcome = runtime.block_on(async {
        tokio::time::timeout(
            Duration::from_secs(180),
            drive(port, server.addr, profile.path(), downloads.path(), &shot),
        )
        .await
    });
    let (total, backed, verdicts, error, downloaded) = outcome
        .expect("the browser test took longer than 3 minutes")
        .expect("webdriver");

    let json = cli_json(&sample());
    let expected_total = zona_core::lang::fmt2(json["total"].as_f64().expect("total"), Lang::Id);
    assert_eq!(total, expected_total);
    // The evidence-backed total: the sample's evidence is links only, so the upload (whose
    // folder is never searched) and the CLI agree.
    let expected_backed = zona_core::lang::fmt2(
        json["evidence_backed"]["total"]
            .as_f64()
            .expect("evidence-backed total"),
        Lang::Id,
    );
    assert_eq!(backed, expected_backed);
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
    assert_eq!(verdicts, expected);
    assert!(error.contains("rusak.xlsx"), "{error}");
    assert!(
        downloaded == cli_report(&sample(), &[]),
        "the report the browser downloaded is what `zona score --out` writes"
    );
    let png = std::fs::read(&shot).expect("screenshot");
    assert!(png.starts_with(b"\x89PNG"), "a PNG screenshot");
}

/// The total, the evidence-backed total, the verdicts, the error page's message and the
/// downloaded report.
type Seen = (String, String, Vec<(String, String)>, String, Vec<u8>);

/// Waits for the one finished download in `dir` (Chromium writes `*.crdownload` first).
async fn downloaded(dir: &Path, within: Duration) -> Result<Vec<u8>, Box<dyn std::error::Error>> {
    let start = Instant::now();
    loop {
        let done: Vec<PathBuf> = std::fs::read_dir(dir)?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "xlsx"))
            .collect();
        if let [file] = done.as_slice() {
            let bytes = std::fs::read(file)?;
            if !bytes.is_empty() {
                return Ok(bytes);
            }
        }
        if start.elapsed() > within {
            return Err(format!("no download in {} within {within:?}", dir.display()).into());
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

async fn drive(
    port: u16,
    server: SocketAddr,
    profile: &Path,
    downloads: &Path,
    shot: &Path,
) -> Result<Seen, Box<dyn std::error::Error>> {
    let mut chrome = serde_json::json!({
        "prefs": {
            "download.default_directory": downloads.display().to_string(),
            "download.prompt_for_download": false,
            "download.directory_upgrade": true,
            "safebrowsing.enabled": false,
        },
        "args": [
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--disable-dev-shm-usage", "--window-size=1280,2000",
            format!("--user-data-dir={}", profile.display()),
        ]
    });
    if let Some(bin) = on_path("chromium") {
        chrome["binary"] = serde_json::Value::String(bin.display().to_string());
    }
    let mut caps = serde_json::Map::new();
    caps.insert("goog:chromeOptions".to_string(), chrome);
    let connector = hyper_util::client::legacy::connect::HttpConnector::new();
    let client = ClientBuilder::new(connector)
        .capabilities(caps)
        .connect(&format!("http://127.0.0.1:{port}"))
        .await?;
    let result = session(&client, server, downloads, shot).await;
    let _ = client.close().await;
    result
}

async fn session(
    client: &fantoccini::Client,
    server: SocketAddr,
    downloads: &Path,
    shot: &Path,
) -> Result<Seen, Box<dyn std::error::Error>> {
    client.goto(&format!("http://{server}/")).await?;
    let input = client.find(Locator::Id("workbook")).await?;
    input.send_keys(&sample().display().to_string()).await?;
    client.find(Locator::Id("submit")).await?.click().await?;
    let total = client
        .wait()
        .at_most(Duration::from_secs(60))
        .for_element(Locator::Id("total"))
        .await?
        .text()
        .await?;
    let backed = client
        .find(Locator::Id("evidence-backed"))
        .await?
        .text()
        .await?;
    let mut verdicts = Vec::new();
    for e in client.find_all(Locator::Css("[data-predicate]")).await? {
        verdicts.push((
            e.attr("data-predicate").await?.unwrap_or_default(),
            e.attr("data-status").await?.unwrap_or_default(),
        ));
    }
    if let Some(dir) = shot.parent() {
        std::fs::create_dir_all(dir)?;
    }
    std::fs::write(shot, client.screenshot().await?)?;
    // The report link: Chromium saves it into the download directory.
    client.find(Locator::Id("download")).await?.click().await?;
    let report = downloaded(downloads, Duration::from_secs(60)).await?;

    // Three years of one unit chosen together (one path a line, as chromedriver takes several
    // files): the comparison page, with one verdict per predicate and year.
    let batch = root().join("samples").join("batch");
    let years: Vec<String> = (2023..=2025)
        .map(|y| {
            batch
                .join(format!("lke-kantor-pelayanan-bahari-{y}.xlsx"))
                .display()
                .to_string()
        })
        .collect();
    client.goto(&format!("http://{server}/")).await?;
    let input = client.find(Locator::Id("workbook")).await?;
    input.send_keys(&years.join("\n")).await?;
    client.find(Locator::Id("submit")).await?.click().await?;
    client
        .wait()
        .at_most(Duration::from_secs(60))
        .for_element(Locator::Id("download-compare"))
        .await?;
    let columns = client
        .find_all(Locator::Css("#predicates [data-column]"))
        .await?
        .len();
    if columns == 0 || columns % 3 != 0 {
        return Err(format!("{columns} verdicts on the comparison page").into());
    }

    // A corrupt file: the error page.
    let dir = tempfile::tempdir()?;
    let bad = dir.path().join("rusak.xlsx");
    std::fs::write(&bad, b"not a workbook")?;
    client.goto(&format!("http://{server}/")).await?;
    let input = client.find(Locator::Id("workbook")).await?;
    input.send_keys(&bad.display().to_string()).await?;
    client.find(Locator::Id("submit")).await?.click().await?;
    let error = client
        .wait()
        .at_most(Duration::from_secs(60))
        .for_element(Locator::Id("message"))
        .await?
        .text()
        .await?;
    Ok((total, backed, verdicts, error, report))
}
