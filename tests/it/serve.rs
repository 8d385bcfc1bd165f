//! `ragtime serve` end to end: a real server over a copy of the example site,
//! edited while it runs.

use crate::util::Site;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A running `ragtime serve`, stopped when dropped.
struct Server {
    child: Child,
    port: u16,
}

impl Server {
    fn start(site: &Site) -> Server {
        Server::start_limited(site, None)
    }

    /// Starts the server, with at most `files` open file handles if given.
    fn start_limited(site: &Site, files: Option<u32>) -> Server {
        let mut command = match files {
            None => Command::new(env!("CARGO_BIN_EXE_ragtime")),
            Some(files) => {
                let mut command = Command::new("sh");
                command
                    .arg("-c")
                    .arg(format!("ulimit -n {files}; exec \"$0\" \"$@\""))
                    .arg(env!("CARGO_BIN_EXE_ragtime"));
                command
            }
        };
        // As `ragtime init` tells users to start it: from inside the site folder.
        command
            .args(["serve", "--port", "0"])
            .current_dir(site.root());
        Server::spawn(command)
    }

    /// Starts `ragtime serve --root <relative>` from the site folder's parent.
    fn start_from_parent(site: &Site) -> Server {
        let mut command = Command::new(env!("CARGO_BIN_EXE_ragtime"));
        let parent = site.root().parent().expect("a parent folder");
        let name = site.root().file_name().expect("a folder name");
        command
            .args(["serve", "--port", "0", "--root"])
            .arg(name)
            .current_dir(parent);
        Server::spawn(command)
    }

    /// Runs `command` (a `ragtime serve`) and waits until it says its address.
    fn spawn(mut command: Command) -> Server {
        let mut child = command
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("start ragtime serve");
        let mut stdout = BufReader::new(child.stdout.take().expect("stdout"));
        let mut port = 0;
        let mut line = String::new();
        while port == 0 {
            line.clear();
            let read = stdout.read_line(&mut line).expect("read serve output");
            assert!(read > 0, "ragtime serve stopped before serving");
            if let Some(rest) = line.split("http://127.0.0.1:").nth(1) {
                let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
                port = digits.parse().expect("a port number");
            }
        }
        std::thread::spawn(move || for _ in stdout.lines() {});
        Server { child, port }
    }

    /// Sends a raw request line, so paths reach the server exactly as written.
    fn raw(&self, path: &str) -> (u16, String) {
        self.request(&format!(
            "GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
        ))
    }

    /// Sends a whole raw request; status 0 when the server closed the connection instead.
    fn request(&self, request: &str) -> (u16, String) {
        let mut stream = TcpStream::connect(("127.0.0.1", self.port)).expect("connect");
        stream
            .set_read_timeout(Some(Duration::from_secs(10)))
            .unwrap();
        // The server may answer (and close) before it has read all of a request it refuses.
        let _ = stream.write_all(request.as_bytes());
        let mut bytes = Vec::new();
        let _ = stream.read_to_end(&mut bytes);
        let response = String::from_utf8_lossy(&bytes).into_owned();
        let status = response
            .split(' ')
            .nth(1)
            .and_then(|s| s.parse().ok())
            .unwrap_or(0);
        let body = response
            .split_once("\r\n\r\n")
            .map_or("", |(_, b)| b)
            .to_owned();
        (status, body)
    }

    /// Waits until a page satisfies `test`, failing after thirty seconds (CI machines are busy).
    fn until(&self, path: &str, what: &str, test: impl Fn(u16, &str) -> bool) -> String {
        let started = Instant::now();
        loop {
            let (status, body) = self.raw(path);
            if test(status, &body) {
                return body;
            }
            assert!(
                started.elapsed() < Duration::from_secs(30),
                "{path}: {what} never happened; last status {status}"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

const PLAN: &str = "content/plans/telford-improvement-plan.yaml";
const PAGE: &str = "/plans/telford-improvement-plan/";

#[test]
fn edits_show_errors_show_and_clear() {
    let site = Site::example();
    let server = Server::start(&site);
    let page = server.until(PAGE, "the plan page", |s, _| s == 200);
    assert!(
        page.contains("EventSource"),
        "pages served carry the live-reload snippet"
    );
    assert!(page.contains("life story book work."), "{page}");

    // An edit appears.
    site.replace(
        PLAN,
        "Clarify and agree who is responsible for life story book work.",
        "Clarify who owns life story work (edited).",
    );
    server.until(PAGE, "the edit", |_, body| {
        body.contains("Clarify who owns life story work (edited).")
    });

    // Invalid content: the errors, with file and line, over the last good page.
    site.replace(PLAN, "status: behind  # paper: \"behind schedule\"\n                progress: |\n                  Policy drafted", "status: on track\n                progress: |\n                  Policy drafted");
    let line = site.line(PLAN, "status: on track");
    let at = format!("content/plans/telford-improvement-plan.yaml:{line}:");
    // Wait for this error: the first overlay may be that of a half-saved file.
    let page = server.until(PAGE, "the error overlay naming file and line", |_, body| {
        body.contains("ragtime could not build the site") && body.contains(&at)
    });
    assert!(
        page.contains("unknown status &quot;on track&quot;"),
        "the overlay says what is wrong"
    );
    assert!(
        page.contains("Clarify who owns life story work (edited)."),
        "the last good page stays underneath"
    );

    // Fixed: the overlay goes.
    site.replace(PLAN, "status: on track\n", "status: complete\n");
    let page = server.until(PAGE, "the overlay to clear", |_, body| {
        !body.contains("ragtime could not build the site")
    });
    assert!(page.contains("Clarify who owns life story work (edited)."));

    // A half-written file is an error, not a crash.
    let whole = site.read(PLAN);
    site.write(PLAN, &whole[..whole.len() / 2]);
    server.until(PAGE, "the overlay for a half-written file", |_, body| {
        body.contains("ragtime could not build the site")
    });
    site.write(PLAN, whole);
    server.until(PAGE, "recovery", |_, body| {
        !body.contains("ragtime could not build the site")
    });
}

#[test]
fn new_and_deleted_briefings() {
    let site = Site::example();
    let server = Server::start(&site);
    server.until("/", "the dashboard", |s, _| s == 200);
    let briefing = "content/briefings/a-new-briefing.md";
    site.write(briefing, "---\ntitle: A new briefing\ndate: 2013-08-20\nplans: [telford-improvement-plan]\n---\n\nSee [R22](ref:telford-improvement-plan#R22).\n");
    let page = server.until("/briefings/a-new-briefing/", "the new briefing", |s, _| {
        s == 200
    });
    assert!(
        page.contains("href=\"/plans/telford-improvement-plan/#rec-R22\""),
        "{page}"
    );
    site.remove(briefing);
    let (_, body) = (
        0,
        server.until(
            "/briefings/a-new-briefing/",
            "a 404 for the deleted briefing",
            |s, _| s == 404,
        ),
    );
    assert!(body.contains("Page not found"), "the site's own 404 page");
}

#[test]
fn a_broken_template_does_not_stop_the_server() {
    let site = Site::example();
    let template = "themes/default/templates/page.html";
    let good = "{% extends \"base.html\" %}{% block content %}<h1>{{ page.title }}</h1>{{ page.body | safe }}{% endblock content %}";
    site.write(template, good);
    let server = Server::start(&site);
    server.until("/about/", "the about page", |s, _| s == 200);
    site.write(template, "{% extends \"base.html\" %}{% block content %}{{ page.title | nosuchfilter }}{% endblock content %}");
    // Wait for this error (naming the template's file and line), not the first overlay.
    server.until(
        "/about/",
        "the template error naming file and line",
        |_, body| {
            body.contains("ragtime could not build the site")
                && body.contains("themes/default/templates/page.html:1:")
        },
    );
    site.write(template, good);
    server.until("/about/", "recovery", |_, body| {
        !body.contains("ragtime could not build the site")
    });
}

#[test]
fn serves_only_the_site() {
    let site = Site::example();
    site.write("secret.txt", "not for the web");
    let server = Server::start(&site);
    server.until("/", "the dashboard", |s, _| s == 200);
    for path in [
        "/../Cargo.toml",
        "/%2e%2e/",
        "/%2e%2e/secret.txt",
        "/..%2fsecret.txt",
        "/plans/../../secret.txt",
        "/%5c..%5csecret.txt",
    ] {
        let (status, body) = server.raw(path);
        assert!(
            status == 403 || status == 400 || status == 404,
            "{path} answered {status}"
        );
        assert!(!body.contains("not for the web"), "{path} leaked a file");
    }
    let (status, _) = server.raw("/secret.txt");
    assert_eq!(status, 404);
    let (status, body) = server.raw("/assets/style.css");
    assert_eq!(status, 200);
    assert!(body.contains("--text"));
    let (status, _) = server.raw("/plans/telford-improvement-plan");
    assert_eq!(status, 301, "a folder without its slash is redirected");
}

#[test]
fn hidden_files_and_the_records_of_a_build_are_never_served() {
    let site = Site::example();
    site.replace("content/site.yaml", "theme: default", "theme: council")
        .write("themes/council/static/.git/config", "url = secret-remote")
        .write("themes/council/static/.env", "PASSWORD=hunter2");
    site.run(&["build"]).passes();
    assert!(site.path(".public.manifest").is_file());
    let server = Server::start(&site);
    server.until("/", "the dashboard", |s, _| s == 200);
    for path in [
        "/.public.manifest",
        "/.public.record",
        "/.public.inputs",
        "/.public.spare/index.html",
        "/.anything",
        "/.env",
        "/assets/.env",
        "/assets/.git/config",
        "/%2egit/config",
    ] {
        let (status, body) = server.raw(path);
        assert_eq!(status, 404, "{path} answered {status}");
        assert!(
            !body.contains("secret-remote") && !body.contains("hunter2"),
            "{path} leaked a file"
        );
    }
    let public = crate::util::read_tree(&site.path("public"));
    assert!(
        public
            .keys()
            .all(|path| !path.split('/').any(|part| part.starts_with('.'))),
        "a hidden file was published: {:?}",
        public.keys().collect::<Vec<_>>()
    );
}

#[test]
fn open_pages_hear_about_rebuilds() {
    let site = Site::example();
    let server = Server::start(&site);
    server.until("/", "the dashboard", |s, _| s == 200);
    let mut stream = TcpStream::connect(("127.0.0.1", server.port)).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    write!(
        stream,
        "GET /__ragtime/events HTTP/1.1\r\nHost: localhost\r\n\r\n"
    )
    .unwrap();
    let mut reader = BufReader::new(stream);
    let mut events = Vec::new();
    let mut line = String::new();
    while events.is_empty() {
        line.clear();
        reader.read_line(&mut line).expect("an event");
        if let Some(data) = line.strip_prefix("data: ") {
            events.push(data.trim().to_owned());
        }
    }
    site.replace(
        PLAN,
        "Clarify and agree who is responsible for life story book work.",
        "Clarified.",
    );
    while events.len() < 2 {
        line.clear();
        reader
            .read_line(&mut line)
            .expect("a second event after the edit");
        if let Some(data) = line.strip_prefix("data: ") {
            events.push(data.trim().to_owned());
        }
    }
    assert_ne!(events[0], events[1], "each rebuild has its own generation");
}

#[test]
fn answers_only_to_this_machines_names() {
    let site = Site::example();
    let server = Server::start(&site);
    server.until("/", "the dashboard", |s, _| s == 200);
    let port = server.port;
    for host in [
        "evil.example",
        &format!("evil.example:{port}"),
        "localhost.evil.example",
    ] {
        let (status, body) = server.request(&format!(
            "GET / HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
        ));
        assert_eq!(status, 403, "{host}");
        assert!(!body.contains("EventSource"), "{host} was shown the site");
    }
    for host in [
        format!("127.0.0.1:{port}"),
        format!("localhost:{port}"),
        format!("[::1]:{port}"),
    ] {
        let (status, _) = server.request(&format!(
            "GET / HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
        ));
        assert_eq!(status, 200, "{host}");
    }
}

#[test]
fn long_addresses_and_huge_headers_are_refused() {
    let site = Site::example();
    let server = Server::start(&site);
    server.until("/", "the dashboard", |s, _| s == 200);
    let (status, _) = server.raw(&format!("/{}", "a".repeat(8 * 1024)));
    assert!(
        matches!(status, 414 | 431 | 0),
        "a long address answered {status}"
    );
    let huge = "x".repeat(4 * 1024 * 1024);
    let (status, _) = server.request(&format!(
        "GET / HTTP/1.1\r\nHost: localhost\r\nX-Big: {huge}\r\n\r\n"
    ));
    assert!(matches!(status, 431 | 0), "a huge header answered {status}");
    let many = "X-Many: y\r\n".repeat(2000);
    let (status, _) = server.request(&format!("GET / HTTP/1.1\r\nHost: localhost\r\n{many}\r\n"));
    assert!(matches!(status, 431 | 0), "many headers answered {status}");
    assert_eq!(server.raw("/").0, 200, "the preview still answers");
}

#[test]
fn slow_clients_are_timed_out() {
    let site = Site::example();
    let server = Server::start(&site);
    server.until("/", "the dashboard", |s, _| s == 200);
    let silent = TcpStream::connect(("127.0.0.1", server.port)).unwrap();
    let mut halfway = TcpStream::connect(("127.0.0.1", server.port)).unwrap();
    halfway.write_all(b"GET / HTTP/1.1\r\nHost: loc").unwrap();
    for mut stream in [silent, halfway] {
        stream
            .set_read_timeout(Some(Duration::from_secs(30)))
            .unwrap();
        let started = Instant::now();
        let mut bytes = Vec::new();
        let _ = stream.read_to_end(&mut bytes);
        let waited = started.elapsed();
        assert!(
            waited < Duration::from_secs(25),
            "a client that sends nothing was kept for {waited:?}"
        );
    }
}

#[test]
fn running_out_of_file_handles_does_not_stop_the_server() {
    let site = Site::example();
    let server = Server::start_limited(&site, Some(64));
    server.until("/", "the dashboard", |s, _| s == 200);
    // More connections than the process may hold file handles for.
    let held: Vec<TcpStream> = (0..120)
        .filter_map(|_| TcpStream::connect(("127.0.0.1", server.port)).ok())
        .collect();
    assert!(held.len() > 64, "only {} connections opened", held.len());
    std::thread::sleep(Duration::from_millis(500));
    drop(held);
    server.until("/", "an answer after the handles came back", |s, _| {
        s == 200
    });
    for _ in 0..20 {
        assert_eq!(server.raw("/assets/style.css").0, 200);
    }
}

#[test]
fn many_clients_at_once_are_all_answered() {
    let site = Site::example();
    let server = Server::start(&site);
    server.until("/", "the dashboard", |s, _| s == 200);
    let port = server.port;
    let clients: Vec<_> = (0..200)
        .map(|_| {
            std::thread::spawn(move || {
                let mut answered = 0;
                for _ in 0..5 {
                    let Ok(mut stream) = TcpStream::connect(("127.0.0.1", port)) else {
                        continue;
                    };
                    stream
                        .set_read_timeout(Some(Duration::from_secs(20)))
                        .unwrap();
                    let _ = stream.write_all(
                        b"GET /assets/style.css HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n",
                    );
                    let mut bytes = Vec::new();
                    let _ = stream.read_to_end(&mut bytes);
                    if bytes.starts_with(b"HTTP/1.1 200") {
                        answered += 1;
                    }
                }
                answered
            })
        })
        .collect();
    let answered: usize = clients.into_iter().map(|c| c.join().unwrap()).sum();
    assert_eq!(answered, 1000, "requests went unanswered");
}

#[test]
fn content_deleted_and_put_back_is_watched_again() {
    let site = Site::example();
    let server = Server::start(&site);
    server.until(PAGE, "the plan page", |s, _| s == 200);
    // Deleted, not moved (a moved folder keeps its watch), then restored from a copy.
    let copy = |from: &str, to: &str| {
        let copied = Command::new("cp")
            .arg("-a")
            .arg(site.path(from))
            .arg(site.path(to))
            .status()
            .unwrap();
        assert!(copied.success());
    };
    copy("content", "backup");
    std::fs::remove_dir_all(site.path("content")).unwrap();
    server.until(
        PAGE,
        "the overlay for a missing content folder",
        |_, body| body.contains("there is no content folder here"),
    );
    copy("backup", "content");
    server.until(PAGE, "recovery", |_, body| {
        !body.contains("ragtime could not build the site")
    });
    // Later edits are seen.
    site.replace(
        PLAN,
        "Clarify and agree who is responsible for life story book work.",
        "Clarified after the folder came back.",
    );
    server.until(PAGE, "an edit after the folder came back", |_, body| {
        body.contains("Clarified after the folder came back.")
    });
}

#[test]
fn an_ejected_theme_edited_while_serving_shows_without_a_restart() {
    let site = Site::example();
    site.run(&["theme", "eject", "council"]).passes();
    site.replace("content/site.yaml", "theme: default", "theme: council");
    let server = Server::start(&site);
    server.until("/about/", "the about page", |s, _| s == 200);
    let template = "themes/council/templates/page.html";
    site.replace(
        template,
        "{% block content %}",
        "{% block content %}<p>Edited while serving</p>",
    );
    server.until("/about/", "the edited template", |_, body| {
        body.contains("<p>Edited while serving</p>")
    });
}

/// Started as `ragtime init` says (`cd DIR && ragtime serve`), every way of
/// saving is seen: an edit of a plan saved by rename-over (as `sed -i` and
/// most editors save) and one written in place, each served within a second
/// of the save; a new page, and `site.yaml`.
#[test]
fn serve_started_inside_the_site_folder_shows_every_save() {
    let site = Site::example();
    let server = Server::start(&site);
    server.until(PAGE, "the plan page", |s, _| s == 200);
    let within_a_second = |what: &str, path: &str, seen: &dyn Fn(&str) -> bool| {
        let saved = Instant::now();
        server.until(path, what, |_, body| seen(body));
        let took = saved.elapsed();
        assert!(
            took < Duration::from_secs(1),
            "{what} took {took:?} to be served"
        );
    };

    let sed = Command::new("sed")
        .args(["-i", "s/life story book work\\./life story work (sed)./"])
        .arg(PLAN)
        .current_dir(site.root())
        .status()
        .expect("run sed");
    assert!(sed.success());
    within_a_second("an edit saved by rename-over", PAGE, &|body| {
        body.contains("life story work (sed).")
    });

    let text = site
        .read(PLAN)
        .replace("life story work (sed).", "life story work (in place).");
    std::fs::OpenOptions::new()
        .write(true)
        .truncate(true)
        .open(site.path(PLAN))
        .and_then(|mut file| file.write_all(text.as_bytes()))
        .expect("write the plan in place");
    within_a_second("an edit written in place", PAGE, &|body| {
        body.contains("life story work (in place).")
    });

    site.write(
        "content/pages/a-new-page.md",
        "---\ntitle: A page added while serving\n---\n\nAdded.\n",
    );
    // A new page and site.yaml re-render every page: seen, not timed.
    server.until("/a-new-page/", "a new page", |_, body| {
        body.contains("A page added while serving")
    });

    let settings = site.read("content/site.yaml");
    let title = settings
        .lines()
        .find(|line| line.starts_with("title:"))
        .expect("a site title");
    site.replace(
        "content/site.yaml",
        title,
        "title: Progress, retitled while serving",
    );
    server.until("/", "an edit of site.yaml", |_, body| {
        body.contains("Progress, retitled while serving")
    });
}

/// A relative `--root` is the same site as the folder it names.
#[test]
fn serve_with_a_relative_root_shows_an_edit() {
    let site = Site::example();
    let server = Server::start_from_parent(&site);
    server.until(PAGE, "the plan page", |s, _| s == 200);
    site.replace(
        PLAN,
        "Clarify and agree who is responsible for life story book work.",
        "Clarify who owns life story work (relative root).",
    );
    server.until(PAGE, "the edit", |_, body| {
        body.contains("Clarify who owns life story work (relative root).")
    });
}

/// An address this machine does not have is refused in words, at once.
#[test]
fn an_address_it_cannot_listen_on_is_an_error_naming_it() {
    let site = Site::example();
    site.run(&["serve", "--bind", "192.0.2.1", "--port", "0"])
        .fails()
        .stderr_has("error: cannot listen on 192.0.2.1 port 0:");
}
