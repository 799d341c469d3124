//! The charts: exact counts on hand-built histories, agreement with the
//! heat-map and `sensemap stats`, and the keys.

mod common;

use assert_cmd::cargo::cargo_bin_cmd;
use common::{app, controller, entry, key, region, screen_text};
use ratatui::crossterm::event::KeyCode;
use sensemap::app::{Action, App, Screen, Zone};
use sensemap::domain::{Entry, Metric, SensationCatalogue, SensationClass};
use sensemap::store::{FsStore, Journal};

/// Multi-region entries, a month boundary crossed in another offset, and an
/// entry outside the 30-day window of 2026-03-11 10:00 +01:00.
fn boundary_history() -> Vec<Entry> {
    let mut entries = vec![
        // 28 Feb 23:30 at UTC-5 is 1 March in UTC: its day is still 28 February.
        entry(
            "2026-02-28T23:30:00-05:00",
            &["left-sole", "right-sole"],
            "tingling",
            4,
        ),
        entry("2026-03-01T00:30:00+01:00", &["left-sole"], "burning", 6),
        entry("2026-03-01T09:00:00+01:00", &["left-sole"], "numbness", 2),
        entry(
            "2026-03-09T12:00:00+09:00",
            &[
                "right-chest",
                "left-chest",
                "left-middle-back",
                "right-middle-back",
            ],
            "pressure",
            5,
        ),
        entry("2026-03-10T20:00:00+01:00", &["right-palm"], "electric", 8),
        entry("2026-03-10T21:00:00+01:00", &["right-palm"], "electric", 6),
        entry("2026-01-15T08:00:00+01:00", &["left-sole"], "tingling", 9),
    ];
    entries.sort_by_key(Entry::sort_key);
    entries
}

fn charts_app(entries: Vec<Entry>, width: u16, height: u16) -> App {
    let mut a = app(entries, width, height);
    a.update(Action::ShowScreen(Screen::Charts));
    a
}

#[test]
fn charts_at_80x24() {
    insta::assert_snapshot!(screen_text(&charts_app(common::history(), 80, 24)));
}

#[test]
fn charts_at_160x50() {
    insta::assert_snapshot!(screen_text(&charts_app(common::history(), 160, 50)));
}

#[test]
fn exact_counts_on_a_hand_built_history() {
    let a = charts_app(boundary_history(), 100, 30);
    let stats = |id: &str| {
        a.charts
            .ranked
            .iter()
            .find(|s| s.region == region(id))
            .cloned()
            .unwrap()
    };
    let sole = stats("left-sole");
    // Three entries in the window (the January one is out), on two local days.
    assert_eq!((sole.episodes, sole.days_affected), (3, 2));
    assert!((sole.mean_intensity - 4.0).abs() < 1e-9);
    let palm = stats("right-palm");
    assert_eq!((palm.episodes, palm.days_affected), (2, 1));
    for band in [
        "right-chest",
        "left-chest",
        "left-middle-back",
        "right-middle-back",
    ] {
        assert_eq!(
            stats(band).episodes,
            1,
            "{band}: a four-region entry counts once in each"
        );
    }
    assert_eq!(
        a.charts.ranked[0].region,
        region("left-sole"),
        "most episodes first"
    );
    assert_eq!(a.charts.ranked.len(), 7);

    // The class summary counts entries, not regions.
    let class = |c: SensationClass| {
        a.charts
            .classes
            .iter()
            .find(|k| k.class == Some(c))
            .unwrap()
            .clone()
    };
    assert_eq!(
        class(SensationClass::Paresthesia).episodes,
        3,
        "tingling, numbness, pressure"
    );
    assert_eq!(class(SensationClass::Dysesthesia).episodes, 3);
    assert_eq!(class(SensationClass::Dysesthesia).days, 2);
    assert_eq!(class(SensationClass::Hypoesthesia).episodes, 0);

    // The highlighted region's breakdown and weekly trend.
    assert_eq!(a.charts_region(), Some(region("left-sole")));
    let breakdown: Vec<(String, u32)> = a
        .charts
        .breakdown
        .iter()
        .map(|(s, n)| (s.as_str().to_string(), *n))
        .collect();
    assert_eq!(
        breakdown,
        [
            ("burning".to_string(), 1),
            ("numbness".to_string(), 1),
            ("tingling".to_string(), 1)
        ]
    );
    // Window from Mon 9 Feb: the 28 Feb and 1 Mar entries fall in the week of 23 Feb.
    assert_eq!(a.charts.first_week.unwrap().to_string(), "2026-02-09");
    assert_eq!(a.charts.weekly, [0, 0, 3, 0, 0]);
}

#[test]
fn the_metric_reorders_the_bars() {
    let mut a = charts_app(boundary_history(), 100, 30);
    a.update(Action::CycleMetric);
    a.update(Action::CycleMetric);
    assert_eq!(a.journal.heat.metric, Metric::MeanIntensity);
    assert_eq!(
        a.charts.ranked[0].region,
        region("right-palm"),
        "mean 7 leads"
    );
    let means: Vec<f64> = a.charts.ranked.iter().map(|s| s.mean_intensity).collect();
    assert!(means.windows(2).all(|w| w[0] >= w[1]), "{means:?}");
    assert_eq!(
        a.charts.ranked[1].region,
        region("right-chest"),
        "the band's 5 comes next"
    );
    let text = screen_text(&a);
    assert!(text.contains("Regions by mean intensity"), "{text}");
}

#[test]
fn charts_heat_map_and_stats_command_agree_exactly() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let entries = sensemap::domain::generate::generate(
        &sensemap::domain::generate::GenerateSpec {
            start: chrono::NaiveDate::from_ymd_opt(2025, 9, 1).unwrap(),
            end: chrono::NaiveDate::from_ymd_opt(2026, 3, 10).unwrap(),
            per_day: 4.0,
            seed: 11,
        },
        &chrono::FixedOffset::east_opt(3600).unwrap(),
    );
    Journal::new(FsStore::new(&data)).add_many(entries).unwrap();

    std::fs::write(dir.path().join("empty.ron"), "()").unwrap();
    let out = cargo_bin_cmd!("sensemap")
        .env("SENSEMAP_DATA_DIR", &data)
        .env("SENSEMAP_CONFIG", dir.path().join("empty.ron"))
        .env("SENSEMAP_NOW", common::NOW)
        .env("TZ", "CET-1")
        .args(["stats", "--since", "30d", "--format", "json"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let cli: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();

    let loaded = Journal::new(FsStore::new(&data))
        .load_all()
        .unwrap()
        .entries;
    let a = App::new(
        loaded,
        SensationCatalogue::built_in(),
        vec![],
        common::now(),
        Zone::Fixed(common::zone_offset()),
    );
    assert_eq!(cli.len(), a.charts.ranked.len());
    assert!(cli.len() > 10, "a real history");
    for row in &cli {
        let r = region(row["region"].as_str().unwrap());
        let chart = a.charts.ranked.iter().find(|s| s.region == r).unwrap();
        let heat = a.journal.tally.get(r);
        assert_eq!(row["episodes"], chart.episodes);
        assert_eq!(row["days_affected"], chart.days_affected);
        assert_eq!(chart.episodes, heat.episodes);
        assert_eq!(chart.days_affected, heat.days_affected);
        let mean = row["mean_intensity"].as_f64().unwrap();
        assert!((mean - (chart.mean_intensity * 100.0).round() / 100.0).abs() < 1e-9);
    }
}

#[test]
fn enter_on_a_bar_opens_the_timeline_of_that_region() {
    let dir = tempfile::tempdir().unwrap();
    let mut c = controller(
        boundary_history(),
        Journal::new(FsStore::new(dir.path())),
        80,
        24,
    );
    c.handle_event(&key(KeyCode::Char('3')));
    c.handle_event(&key(KeyCode::Down));
    let chosen = c.app.charts_region().unwrap();
    assert_eq!(chosen, c.app.charts.ranked[1].region);
    assert!(screen_text(&c.app).contains(&format!("▶ {}", chosen.region().label())));
    c.handle_event(&key(KeyCode::Enter));
    assert_eq!(c.app.screen, Screen::Timeline);
    assert_eq!(c.app.timeline.region, Some(chosen));
    let expected = c
        .app
        .journal
        .entries
        .iter()
        .filter(|e| e.regions.contains(chosen))
        .count();
    assert_eq!(c.app.timeline.rows.len(), expected);
}

#[test]
fn the_window_and_filter_are_shared_with_the_heat_map() {
    let mut a = charts_app(boundary_history(), 100, 30);
    a.update(Action::CycleWindow);
    a.update(Action::CycleWindow);
    let sole = a
        .charts
        .ranked
        .iter()
        .find(|s| s.region == region("left-sole"))
        .unwrap();
    assert_eq!(sole.episodes, 4, "a year includes January");
    a.update(Action::ShowScreen(Screen::BodyMap));
    assert!(screen_text(&a).contains("last year"));
    assert_eq!(a.journal.tally.get(region("left-sole")).episodes, 4);
}
