//! A panic in the app keeps what the log form holds, and the next start
//! opens it again.

mod common;

use std::time::Duration;

use common::{key, now, type_text, zone};
use ratatui::crossterm::event::KeyCode;
use sensemap::domain::SensationCatalogue;
use sensemap::runtime::{Options, Runtime};
use sensemap::store::{FsStore, Journal};

fn started(data: &std::path::Path) -> Runtime {
    Runtime::start(
        Journal::new(FsStore::new(data)),
        SensationCatalogue::built_in(),
        Box::new(now),
        zone(),
        Options {
            watch: false,
            force_polling: false,
            tick: false,
            background_load: false,
        },
    )
}

#[test]
fn a_panic_keeps_the_typed_form_and_the_next_start_offers_it_back() {
    let dir = tempfile::tempdir().unwrap();
    let mut first = started(dir.path());
    first.handle_event(&key(KeyCode::Enter)); // open the log form
    first.handle_event(&key(KeyCode::Tab)); // to intensity
    first.handle_event(&key(KeyCode::Char('8')));
    for _ in 0..4 {
        first.handle_event(&key(KeyCode::Tab)); // to the note
    }
    type_text(&mut first, "worse after the hot bath");
    let crashed = first
        .guard(|_| -> () { panic!("something went wrong") })
        .unwrap_err();
    let kept = crashed.kept.clone().expect("the form had text").unwrap();
    assert_eq!(kept, dir.path().join("recovery.ron"));
    assert!(crashed.explain().contains("something went wrong"));
    assert!(crashed.explain().contains(&kept.display().to_string()));
    drop(first);

    let mut next = started(dir.path());
    next.offer_recovery();
    let form = next.app.form().expect("the form is open again");
    assert_eq!(form.note.text(), "worse after the hot bath");
    assert_eq!(form.intensity, 8);
    assert!(!kept.exists(), "offered once");
    // Saving it logs the entry.
    next.handle_event(&key(KeyCode::Enter));
    let mut c = next;
    assert!(c.settle(Duration::from_secs(20)));
    let saved = Journal::new(FsStore::new(dir.path()))
        .load_all()
        .unwrap()
        .entries;
    assert_eq!(saved.len(), 1, "{:?}", c.app.status);
    assert_eq!(saved[0].note.as_deref(), Some("worse after the hot bath"));
}

#[test]
fn a_panic_with_no_form_open_keeps_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut runtime = started(dir.path());
    let crashed = runtime.guard(|_| -> () { panic!("boom") }).unwrap_err();
    assert!(crashed.kept.is_none());
    assert!(!dir.path().join("recovery.ron").exists());
    assert_eq!(runtime.guard(|_| 7).unwrap(), 7);
}

#[test]
fn a_kept_edit_of_an_entry_not_loaded_yet_is_still_an_edit_of_it() {
    let dir = tempfile::tempdir().unwrap();
    let old = common::entry("2025-06-10T10:00:00+01:00", &["b37"], "tingling", 3);
    Journal::new(FsStore::new(dir.path()))
        .add(old.clone())
        .unwrap();
    let kept = format!(
        "(regions: [\"left-sole\"], sensation: Some(\"tingling\"), intensity: 7, time: \"\", \
         duration: \"\", tags: \"\", note: \"edited note\", editing: Some(\"{}\"))",
        old.id
    );
    std::fs::write(dir.path().join("recovery.ron"), kept).unwrap();
    // Started as the app is: only recent months are loaded at first.
    let mut runtime = started(dir.path());
    assert!(runtime.app.journal.entries.get(old.id).is_none());
    runtime.offer_recovery();
    let form = runtime.app.form().expect("the form is open again");
    assert_eq!(form.editing.as_ref().map(|e| e.id), Some(old.id));
    runtime.handle_event(&key(KeyCode::Enter));
    assert!(runtime.settle(Duration::from_secs(20)));
    let saved = Journal::new(FsStore::new(dir.path()))
        .load_all()
        .unwrap()
        .entries;
    assert_eq!(saved.len(), 1, "edited, not copied: {saved:?}");
    assert_eq!(saved[0].note.as_deref(), Some("edited note"));
    assert_eq!(saved[0].intensity.value(), 7);
}

#[test]
fn a_kept_form_that_cannot_be_read_is_left_for_the_person_and_said() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("recovery.ron");
    std::fs::write(&path, "(regions: [\"nowhere\"], note: \"my words\")").unwrap();
    let mut runtime = started(dir.path());
    runtime.offer_recovery();
    assert!(path.exists(), "the typed words are not thrown away");
    let status = runtime.app.status.clone().unwrap().text;
    assert!(status.contains("cannot be read"), "{status}");
    assert!(status.contains("recovery.ron"), "{status}");
}
