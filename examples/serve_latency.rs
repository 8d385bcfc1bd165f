//! Measures how long `ragtime serve` takes from saving a one-line change in one
//! plan to serving the changed page, and compares it with a full `ragtime build`
//! of the same site.
//!
//!     cargo build --release
//!     cargo run --release --example serve_latency -- [SITE] [ROUNDS]
//!
//! SITE is a site folder (default: the example site); it is copied to a
//! temporary folder first, so it is never changed.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("create folder");
    for entry in std::fs::read_dir(from).expect("read folder") {
        let entry = entry.expect("folder entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("file type").is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).expect("copy file");
        }
    }
}

fn get(port: u16, path: &str) -> Option<String> {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).ok()?;
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
    )
    .ok()?;
    let mut body = String::new();
    stream.read_to_string(&mut body).ok()?;
    Some(body)
}

fn binary() -> PathBuf {
    let exe = std::env::current_exe().expect("current exe");
    // target/release/examples/serve_latency -> target/release/ragtime
    exe.parent()
        .and_then(Path::parent)
        .expect("target folder")
        .join("ragtime")
}

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}

fn main() {
    let mut args = std::env::args().skip(1);
    let source = args
        .next()
        .map_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")), PathBuf::from);
    let rounds: usize = args.next().and_then(|r| r.parse().ok()).unwrap_or(20);
    let work = std::env::temp_dir().join(format!("ragtime-serve-latency-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&work);
    copy_dir(&source.join("content"), &work.join("content"));
    if source.join("themes").is_dir() {
        copy_dir(&source.join("themes"), &work.join("themes"));
    }
    let ragtime = binary();

    // A full build of the same site, for comparison. Each starts from no output,
    // or build would render only what changed since the last (nothing).
    let mut builds = Vec::new();
    for _ in 0..3 {
        let _ = std::fs::remove_dir_all(work.join("public"));
        let started = Instant::now();
        let status = Command::new(&ragtime)
            .args(["build", "--root"])
            .arg(&work)
            .arg("--output")
            .arg(work.join("public"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .expect("run ragtime build");
        assert!(
            status.success(),
            "ragtime build failed on {}",
            work.display()
        );
        builds.push(started.elapsed().as_secs_f64() * 1000.0);
    }

    // The plan to edit: the first one, and the first action text in it.
    let mut plans: Vec<PathBuf> = std::fs::read_dir(work.join("content/plans"))
        .expect("plans folder")
        .map(|e| e.expect("entry").path())
        .collect();
    plans.sort();
    let plan = plans.first().expect("a plan").clone();
    let plan_id = plan
        .file_stem()
        .and_then(|s| s.to_str())
        .expect("plan id")
        .to_owned();
    let original = std::fs::read_to_string(&plan).expect("read plan");
    let line = original
        .lines()
        .position(|l| {
            // An action's text on one line, plain or in double quotes, so adding a
            // word keeps the YAML valid.
            l.trim_start().strip_prefix("- text: ").is_some_and(|v| {
                !v.starts_with(['\'', '|', '>'])
                    && (!v.starts_with('"') || (v.len() > 1 && v.ends_with('"')))
            })
        })
        .expect("an action text line");

    let mut server = Command::new(&ragtime)
        .args(["serve", "--port", "0", "--root"])
        .arg(&work)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start ragtime serve");
    let mut stdout = BufReader::new(server.stdout.take().expect("stdout"));
    let mut port = 0;
    let mut text = String::new();
    while port == 0 {
        text.clear();
        let read = stdout.read_line(&mut text).expect("read serve output");
        assert!(read > 0, "ragtime serve stopped before serving");
        if let Some(rest) = text.split("http://127.0.0.1:").nth(1) {
            let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
            port = digits.parse().expect("port");
        }
    }
    std::thread::spawn(move || for _ in stdout.lines() {});
    let page = format!("/plans/{plan_id}/");

    let mut latencies = Vec::new();
    for round in 0..rounds {
        let marker = format!("latency-marker-{round}");
        let mut lines: Vec<String> = original.lines().map(str::to_owned).collect();
        lines[line] = match lines[line].strip_suffix('"') {
            Some(quoted) => format!("{quoted} {marker}\""),
            None => format!("{} {marker}", lines[line]),
        };
        let edited = lines.join("\n") + "\n";
        std::thread::sleep(Duration::from_millis(150)); // let the previous round settle
        let started = Instant::now();
        std::fs::write(&plan, edited).expect("save the plan");
        loop {
            if get(port, &page).is_some_and(|body| body.contains(&marker)) {
                break;
            }
            assert!(
                started.elapsed() < Duration::from_secs(60),
                "the change never appeared"
            );
            std::thread::sleep(Duration::from_millis(1));
        }
        latencies.push(started.elapsed().as_secs_f64() * 1000.0);
    }
    let _ = server.kill();
    let _ = server.wait();
    let _ = std::fs::remove_dir_all(&work);

    let edit = median(latencies.clone());
    let build = median(builds);
    let worst = latencies.iter().copied().fold(0.0, f64::max);
    println!("site: {}", source.display());
    println!("full build (median of 3):               {build:8.1} ms");
    println!(
        "save-to-served, one-line edit (median of {rounds}): {edit:8.1} ms (worst {worst:.1} ms)"
    );
    println!(
        "ratio edit / full build:                {:8.3}",
        edit / build
    );
}
