//! Reading `assets/body.ron`: art, masks and legends into figures.

use std::collections::HashMap;

use serde::Deserialize;

use super::{BodyFigures, BodyMap, Figure, FigureSize};
use crate::domain::region::{Catalogue, RegionId, View};

/// `assets/body.ron` as written.
#[derive(Deserialize)]
struct BodyFile {
    front_legend: HashMap<char, String>,
    back_legend: HashMap<char, String>,
    sizes: Vec<SizeFile>,
}

/// One size in `assets/body.ron`.
#[derive(Deserialize)]
struct SizeFile {
    name: String,
    front_art: String,
    front_mask: String,
    back_art: String,
    back_mask: String,
}

/// A problem in the body asset (caught by tests, never by users).
#[derive(Debug, thiserror::Error)]
#[error("assets/body.ron: {0}")]
pub struct BodyAssetError(String);

/// The lines of a raw-string block, without the newline after `r#"`.
fn block_lines(text: &str) -> Vec<Vec<char>> {
    text.strip_prefix('\n')
        .unwrap_or(text)
        .lines()
        .map(|l| l.chars().collect())
        .collect()
}

/// Builds one figure from its art, mask and legend.
fn build_figure(
    view: View,
    art: &str,
    mask: &str,
    legend: &HashMap<char, String>,
) -> Result<Figure, BodyAssetError> {
    let catalogue = Catalogue::global();
    let art = block_lines(art);
    let mask_chars = block_lines(mask);
    let height = art.len().max(mask_chars.len());
    let width = art
        .iter()
        .chain(&mask_chars)
        .map(Vec::len)
        .max()
        .unwrap_or(0);
    let mut sums: HashMap<RegionId, (f64, f64, f64)> = HashMap::new();
    let mut mask = vec![vec![None; width]; height];
    for (y, row) in mask_chars.iter().enumerate() {
        for (x, ch) in row.iter().enumerate() {
            if *ch == ' ' {
                continue;
            }
            let key = legend.get(ch).ok_or_else(|| {
                BodyAssetError(format!("mask letter '{ch}' is not in the {view:?} legend"))
            })?;
            let region = catalogue
                .lookup(key)
                .map_err(|e| BodyAssetError(e.to_string()))?;
            if region.region().view != view {
                return Err(BodyAssetError(format!(
                    "{key} drawn on the {view:?} figure"
                )));
            }
            mask[y][x] = Some(region);
            let sum = sums.entry(region).or_insert((0.0, 0.0, 0.0));
            *sum = (sum.0 + x as f64, sum.1 + y as f64, sum.2 + 1.0);
        }
    }
    let mut centroids = vec![None; catalogue.len()];
    for (region, (sx, sy, n)) in sums {
        centroids[region.index()] = Some((sx / n, sy / n));
    }
    let mut art = art;
    art.resize(height, Vec::new());
    for row in &mut art {
        row.resize(width, ' ');
    }
    Ok(Figure {
        view,
        width: width as u16,
        height: height as u16,
        art,
        mask,
        centroids,
    })
}

impl BodyMap {
    /// Parses the body asset.
    pub fn parse(text: &str) -> Result<BodyMap, BodyAssetError> {
        let file: BodyFile = ron::from_str(text).map_err(|e| BodyAssetError(e.to_string()))?;
        let mut sizes = Vec::new();
        for (size, spec) in FigureSize::ALL.into_iter().zip(&file.sizes) {
            let front = build_figure(
                View::Front,
                &spec.front_art,
                &spec.front_mask,
                &file.front_legend,
            )
            .map_err(|e| BodyAssetError(format!("{} front: {}", spec.name, e.0)))?;
            let back = build_figure(
                View::Back,
                &spec.back_art,
                &spec.back_mask,
                &file.back_legend,
            )
            .map_err(|e| BodyAssetError(format!("{} back: {}", spec.name, e.0)))?;
            sizes.push(BodyFigures { size, front, back });
        }
        if sizes.len() != FigureSize::ALL.len() {
            return Err(BodyAssetError(format!(
                "expected {} sizes",
                FigureSize::ALL.len()
            )));
        }
        Ok(BodyMap { sizes })
    }
}
