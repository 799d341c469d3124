//! The app in a real pseudo-terminal: closing the terminal ends it like
//! `q` does, so the demo's temporary folder is removed.

use std::process::Command;
use std::time::{Duration, Instant};

use rexpect::process::{Signal, WaitStatus};
use rexpect::session::spawn_command;

/// The demo's folders under `tmp`.
fn demo_folders(tmp: &std::path::Path) -> Vec<std::path::PathBuf> {
    std::fs::read_dir(tmp)
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with("sensemap-demo-"))
        })
        .collect()
}

fn hang_up_leaves_no_demo_folder(signal: Signal) {
    let tmp = tempfile::tempdir().unwrap();
    let config = tmp.path().join("config.ron");
    std::fs::write(&config, "()\n").unwrap();
    // A new pseudo-terminal has no size: give it one, then become the app
    // (exec keeps the pid the signal goes to).
    let binary = assert_cmd::cargo::cargo_bin!("sensemap");
    let mut command = Command::new("sh");
    command
        .arg("-c")
        .arg(format!(
            "stty cols 100 rows 30 && exec '{}' demo",
            binary.display()
        ))
        .env("TMPDIR", tmp.path())
        .env("SENSEMAP_CONFIG", &config)
        .env("TERM", "xterm-256color")
        .env_remove("NO_COLOR");
    let mut session = spawn_command(command, Some(20_000)).unwrap();
    session.exp_string("2 Time").unwrap();
    assert_eq!(
        demo_folders(tmp.path()).len(),
        1,
        "the demo made its folder"
    );
    session.process_mut().signal(signal).unwrap();
    let deadline = Instant::now() + Duration::from_secs(15);
    let status = loop {
        match session.process().status() {
            Some(WaitStatus::StillAlive) | None if Instant::now() < deadline => {
                // Keep reading, so the app is never blocked on a full pty.
                let _ = session.try_read();
                std::thread::sleep(Duration::from_millis(50));
            }
            other => break other,
        }
    };
    assert!(
        matches!(status, Some(WaitStatus::Exited(..))),
        "{signal:?} should end it like q: {status:?}"
    );
    assert!(
        demo_folders(tmp.path()).is_empty(),
        "the demo's folder is removed"
    );
}

#[test]
fn closing_the_terminal_removes_the_demo_folder() {
    hang_up_leaves_no_demo_folder(Signal::SIGHUP);
}

#[test]
fn a_polite_kill_removes_the_demo_folder() {
    hang_up_leaves_no_demo_folder(Signal::SIGTERM);
}
