//! The header line: the app's name, a tab per screen, and what the
//! heat-map counts. Laid out here so that drawing and mouse clicks agree.

use ratatui::layout::Rect;

use super::{App, Screen, metric_label};
use crate::domain::SensationFilter;

/// The app's name at the start of the header.
pub const APP_NAME: &str = " sensemap ";

/// One screen's tab in the header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tab {
    /// The screen it shows.
    pub screen: Screen,
    /// Its text, e.g. " 1:Body map " or " 1 Map ".
    pub label: String,
    /// Where it is drawn (and clicked).
    pub area: Rect,
}

/// The header's parts, as they fit its width.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeaderLine {
    /// Every screen's tab, long or short as room allows.
    pub tabs: Vec<Tab>,
    /// What is still loading, if counts are not final.
    pub loading: Option<String>,
    /// Window, filter and metric, on the screens that count.
    pub window: Option<String>,
}

impl Screen {
    /// The screen's name in a narrow header.
    pub fn short_title(self) -> &'static str {
        match self {
            Screen::BodyMap => "Map",
            Screen::Timeline => "Time",
            Screen::Charts => "Chart",
            Screen::Treatments => "Treat",
        }
    }
}

impl App {
    /// What the heat-map counts, in words: "all sensations" or a name.
    pub fn filter_label(&self) -> String {
        match &self.journal.heat.sensation {
            None => "all sensations".to_string(),
            Some(SensationFilter::Class(class)) => format!("all {class}"),
            Some(SensationFilter::Type(id)) => self.journal.sensations.name_of(id).to_lowercase(),
        }
    }

    /// "│ last 30 days · all sensations · episodes", or in short
    /// "│ 30d · all · episodes".
    fn window_label(&self, short: bool) -> String {
        let heat = &self.journal.heat;
        if short {
            let filter = match heat.sensation {
                None => "all".to_string(),
                Some(_) => self.filter_label(),
            };
            let metric = match heat.metric {
                crate::domain::Metric::Episodes => "episodes",
                crate::domain::Metric::DaysAffected => "days",
                crate::domain::Metric::MeanIntensity => "mean",
            };
            format!("│ {} · {} · {metric} ", heat.window.short_label(), filter)
        } else {
            format!(
                "│ {} · {} · {} ",
                heat.window.label(),
                self.filter_label(),
                metric_label(heat.metric)
            )
        }
    }

    /// The header laid out in `area`: long tabs and words where they fit,
    /// else short ones, so every screen keeps its tab.
    pub fn header_line(&self, area: Rect) -> HeaderLine {
        // Counts that still lack older months say so, never passing as final.
        let incomplete = match self.screen {
            Screen::BodyMap | Screen::Charts => !self.journal.heat_complete(),
            Screen::Timeline => !self.journal.pending_months.is_empty(),
            Screen::Treatments => false,
        };
        let loading = self
            .journal
            .loading_label()
            .filter(|_| incomplete)
            .map(|l| format!(" {l} "));
        let counts = matches!(self.screen, Screen::BodyMap | Screen::Charts);
        let long_tab = |i: usize, s: Screen| format!(" {}:{} ", i + 1, s.title());
        let short_tab = |i: usize, s: Screen| format!(" {} {} ", i + 1, s.short_title());
        let width = |text: &str| text.chars().count();
        let tiers = [(false, false), (true, false), (true, true)];
        let mut chosen = (true, true);
        for (short_tabs, short_window) in tiers {
            let tabs: usize = Screen::ALL
                .iter()
                .enumerate()
                .map(|(i, s)| {
                    width(&if short_tabs {
                        short_tab(i, *s)
                    } else {
                        long_tab(i, *s)
                    })
                })
                .sum();
            // Sized as if every screen counted, so tabs do not change
            // form from one screen to the next.
            let window = width(&self.window_label(short_window));
            let needed = width(APP_NAME) + tabs + loading.as_deref().map_or(0, width) + window;
            if needed <= usize::from(area.width) {
                chosen = (short_tabs, short_window);
                break;
            }
        }
        let mut x = area.x + width(APP_NAME) as u16;
        let tabs = Screen::ALL
            .iter()
            .enumerate()
            .map(|(i, screen)| {
                let label = if chosen.0 {
                    short_tab(i, *screen)
                } else {
                    long_tab(i, *screen)
                };
                let w = width(&label) as u16;
                let tab = Tab {
                    screen: *screen,
                    label,
                    area: Rect::new(x, area.y, w, 1),
                };
                x += w;
                tab
            })
            .collect();
        HeaderLine {
            tabs,
            loading,
            window: counts.then(|| self.window_label(chosen.1)),
        }
    }
}
