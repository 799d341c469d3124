//! Running the sensemap binary against a temporary data directory.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use assert_cmd::cargo::cargo_bin_cmd;
use serde_json::Value;

/// Wednesday 2026-03-11 10:00 in Central European Time.
pub const NOW: &str = "2026-03-11T10:00:00+01:00";
pub const TZ: &str = "CET-1CEST,M3.5.0,M10.5.0/3";

/// The binary over `dir`: its own data folder, and a config file of its
/// own (an empty one unless the test wrote one), never the user's.
pub fn sm(dir: &Path) -> Command {
    let config = dir.join("config.ron");
    if !config.exists() {
        fs::write(&config, "()\n").unwrap();
    }
    let mut cmd = cargo_bin_cmd!("sensemap");
    cmd.env("SENSEMAP_DATA_DIR", dir.join("data"))
        .env("SENSEMAP_CONFIG", dir.join("config.ron"))
        .env("SENSEMAP_NOW", NOW)
        .env("TZ", TZ)
        .env_remove("SENSEMAP_THEME");
    cmd
}

/// Logs an entry from space-separated arguments and returns its id.
pub fn log(dir: &Path, args: &str) -> String {
    log_args(dir, &args.split_whitespace().collect::<Vec<_>>())
}

/// Logs an entry felt at `when` and returns its id.
pub fn log_at(dir: &Path, when: &str, args: &str) -> String {
    let mut all: Vec<&str> = args.split_whitespace().collect();
    all.extend(["--at", when]);
    log_args(dir, &all)
}

/// Logs an entry and returns its id.
pub fn log_args(dir: &Path, args: &[&str]) -> String {
    let out = sm(dir)
        .arg("log")
        .args(args)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    String::from_utf8(out).unwrap().trim().to_string()
}

pub fn stdout(cmd: &mut Command) -> String {
    String::from_utf8(cmd.assert().success().get_output().stdout.clone()).unwrap()
}

pub fn json(cmd: &mut Command) -> Value {
    serde_json::from_str(&stdout(cmd)).unwrap()
}

/// Every file under `dir` with its bytes.
pub fn files(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(read) = fs::read_dir(&d) else { continue };
        for item in read {
            let path = item.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                out.insert(path.clone(), fs::read(&path).unwrap());
            }
        }
    }
    out
}
