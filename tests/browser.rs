//! The committed Kazakhstan HTML report in a real browser: headless Chromium prints it to PDF
//! (A4, from the print stylesheet), and the page asks for nothing over the network.
//! `.ci/run` installs Debian's `chromium`; elsewhere a missing browser skips the test, except
//! under `CI=true`, where it fails.

use crate::support::scratch;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Pages of reports/kz/report.html printed to A4 by Chromium (Debian's chromium with the
/// DejaVu and Liberation fonts of the CI image). Counted once with `pdfinfo` and pinned: the
/// cover (treaty status and summary chart), then one section per page break in the print
/// stylesheet: top amendments with the dependency graph, the timeline, the findings (most of
/// the pages), research, figures and sources. A change means the report or its print layout
/// changed: look at the PDF (`pdftoppm -png`), then update the number.
const EXPECTED_PAGES: usize = 19;

fn browser() -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    ["chromium", "chromium-browser", "google-chrome"]
        .iter()
        .find_map(|name| {
            std::env::split_paths(&path)
                .map(|dir| dir.join(name))
                .find(|p| p.is_file())
        })
}

/// Page objects in a PDF: `/Type /Page`, not `/Type /Pages` (the page tree).
fn count_pages(pdf: &[u8]) -> usize {
    let needle = b"/Type /Page";
    pdf.windows(needle.len() + 1)
        .filter(|w| &w[..needle.len()] == needle && w[needle.len()] != b's')
        .count()
}

/// Runs Chromium to completion, killing it after a minute.
fn run(browser: &Path, args: &[String]) -> (bool, String) {
    let mut child = Command::new(browser)
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("chromium starts");
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        match child.try_wait().expect("chromium runs") {
            Some(_) => break,
            None if Instant::now() > deadline => {
                let _ = child.kill();
                break;
            }
            None => std::thread::sleep(Duration::from_millis(100)),
        }
    }
    let out = child.wait_with_output().expect("chromium output");
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn kz_report_prints_to_a4_pdf_in_chromium_without_network_requests() {
    let html_path = Path::new(env!("CARGO_MANIFEST_DIR")).join("reports/kz/report.html");
    let html = std::fs::read_to_string(&html_path).expect("reports/kz/report.html is committed");
    // Self-contained: no external stylesheet, script, image or font; plain links are fine.
    for needle in ["src=\"http", "<link", "@import", "url(http", "<script"] {
        assert!(!html.contains(needle), "report.html contains {needle:?}");
    }

    let Some(browser) = browser() else {
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "CI=true but no chromium on PATH (.ci/run installs it)"
        );
        eprintln!("skipped: no chromium on PATH (apt-get install chromium)");
        return;
    };
    let dir = scratch("browser");
    let pdf = dir.join("kz.pdf");
    let netlog = dir.join("netlog.json");
    let args: Vec<String> = vec![
        "--headless".into(),
        "--no-sandbox".into(),
        "--disable-gpu".into(),
        "--disable-background-networking".into(),
        "--disable-component-update".into(),
        "--disable-sync".into(),
        "--no-first-run".into(),
        "--no-pdf-header-footer".into(),
        "--enable-logging=stderr".into(),
        "--v=0".into(),
        format!("--user-data-dir={}", dir.join("profile").display()),
        format!("--log-net-log={}", netlog.display()),
        format!("--print-to-pdf={}", pdf.display()),
        format!("file://{}", html_path.display()),
    ];
    let (ok, stderr) = run(&browser, &args);
    assert!(ok, "chromium failed:\n{stderr}");
    for line in stderr.lines() {
        assert!(
            !line.contains("net::ERR_") && !line.contains("Failed to load"),
            "failed load: {line}"
        );
    }

    let bytes = std::fs::read(&pdf).expect("chromium wrote the PDF");
    assert!(bytes.starts_with(b"%PDF"), "not a PDF");
    assert_eq!(
        count_pages(&bytes),
        EXPECTED_PAGES,
        "page count of {}",
        pdf.display()
    );

    // Every request the page made (the NetLog marks them with the page's file:// site; the
    // browser's own background requests have another) stayed on file://.
    let log: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&netlog).expect("net log")).expect("net log is JSON");
    let events = log["events"].as_array().cloned().unwrap_or_default();
    let from_page: Vec<&str> = events
        .iter()
        .filter(|e| {
            e["params"]["network_isolation_key"]
                .as_str()
                .is_some_and(|k| k.starts_with("file://"))
        })
        .filter_map(|e| e["params"]["url"].as_str())
        .filter(|url| !url.starts_with("file://"))
        .collect();
    assert!(from_page.is_empty(), "the page requested {from_page:?}");
}
