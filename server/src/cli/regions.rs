//! Reading region boundaries from a GeoJSON file for `placer admin import-regions`.

use std::path::Path;

use crate::error::{Result, ServerError};
use crate::geo::boundary_from_geojson;
use crate::http::RegionItem;

/// Every feature of a FeatureCollection (or a single Feature) as a named boundary, with a
/// progress bar. A feature without the name property, or with a geometry that is not a
/// Polygon or MultiPolygon, stops the import with its position in the file.
pub fn read_features(path: &Path, name_field: &str) -> Result<Vec<RegionItem>> {
    let bad = |m: String| ServerError::Other(format!("{}: {m}", path.display()));
    let text = std::fs::read_to_string(path).map_err(|e| bad(e.to_string()))?;
    let features = match text
        .parse::<geojson::GeoJson>()
        .map_err(|e| bad(format!("not GeoJSON: {e}")))?
    {
        geojson::GeoJson::FeatureCollection(fc) => fc.features,
        geojson::GeoJson::Feature(f) => vec![f],
        geojson::GeoJson::Geometry(_) => {
            return Err(bad(
                "a bare geometry has no name: give a Feature or a FeatureCollection".into(),
            ))
        }
    };
    let bar = crate::progress::count_bar(features.len() as u64, "reading regions");
    let mut out = Vec::with_capacity(features.len());
    for (i, f) in features.into_iter().enumerate() {
        bar.inc(1);
        let name = f
            .property(name_field)
            .and_then(|v| v.as_str())
            .ok_or_else(|| bad(format!("feature {i} has no string property {name_field:?}")))?
            .to_string();
        let geometry = f
            .geometry
            .ok_or_else(|| bad(format!("feature {i} ({name}) has no geometry")))?;
        let boundary = boundary_from_geojson(&geometry.value)
            .map_err(|e| bad(format!("feature {i} ({name}): {e}")))?;
        out.push(RegionItem { name, boundary });
    }
    bar.finish_and_clear();
    Ok(out)
}
