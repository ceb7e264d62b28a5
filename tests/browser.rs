//! The committed Kazakhstan HTML report in a real browser: headless Chromium prints it to PDF
//! (A4, from the print stylesheet), and the page asks for nothing over the network.
//! `.ci/run` installs Debian's `chromium`; elsewhere a missing browser skips the test, except
//! under `CI=true`, where it fails.

use crate::support::scratch;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The pages to expect from a report's HTML, from its structure: the cover, then at least one
/// page for each section the print stylesheet starts on a new page (`class="page"`), and at most
/// one page per finding (an `<article>` is never split) plus two per section. The committed
/// Kazakhstan report printed to 84 pages on 2026-11-27 (5 sections, 153 findings); its data
/// changes often, so the bounds hold instead of a pinned number.
fn expected_pages(html: &str) -> std::ops::RangeInclusive<usize> {
    let sections = html.matches("class=\"page\"").count();
    let findings = html.matches("<article").count();
    (1 + sections)..=(1 + findings + 2 * sections)
}

/// Every page is A4 portrait: 595 x 842 points (Chromium writes 594.96 x 841.92).
fn all_pages_are_a4(pdf: &[u8]) -> bool {
    let text = String::from_utf8_lossy(pdf);
    let boxes: Vec<&str> = text
        .match_indices("/MediaBox [")
        .map(|(i, _)| &text[i..])
        .collect();
    !boxes.is_empty()
        && boxes.iter().all(|b| {
            let inner = b
                .trim_start_matches("/MediaBox [")
                .split(']')
                .next()
                .unwrap_or("");
            let n: Vec<f64> = inner.split_whitespace().filter_map(|x| x.parse().ok()).collect();
            n.len() == 4 && (n[2] - 595.0).abs() < 2.0 && (n[3] - 842.0).abs() < 2.0
        })
}

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
    let pages = count_pages(&bytes);
    let expected = expected_pages(&html);
    assert!(
        expected.contains(&pages),
        "{pages} pages, expected {expected:?}: {}",
        pdf.display()
    );
    assert!(all_pages_are_a4(&bytes), "not all pages are A4");

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
