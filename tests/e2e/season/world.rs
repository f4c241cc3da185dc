//! Time and place as the season's books see them: months as numbers and the reports'
//! period labels, a calendar relative to today, and a map of boxes standing in for the
//! imported regions (every point the script uses lies far inside its region).

use serde_json::{json, Value as Json};
use time::Date;
use uuid::Uuid;

/// A month as one number, `year * 12 + month - 1`, so that months subtract.
pub type Month = i32;

pub fn month_of(d: Date) -> Month {
    d.year() * 12 + i32::from(u8::from(d.month())) - 1
}

/// The UTC month now, as the server stamps it.
pub fn month_now() -> Month {
    month_of(time::OffsetDateTime::now_utc().date())
}

pub fn month_label(m: Month) -> String {
    format!("{:04}-{:02}", m.div_euclid(12), m.rem_euclid(12) + 1)
}

pub fn quarter_label(m: Month) -> String {
    format!("{:04}-Q{}", m.div_euclid(12), m.rem_euclid(12) / 3 + 1)
}

pub fn half_label(m: Month) -> String {
    let half = if m.rem_euclid(12) < 6 { 1 } else { 2 };
    format!("{:04}-H{half}", m.div_euclid(12))
}

pub fn day_label(d: Date) -> String {
    format!("{:04}-{:02}-{:02}", d.year(), u8::from(d.month()), d.day())
}

/// Dates relative to today: the season is always the last few months, so that which facts
/// are late follows from their dates alone, whatever day the test runs.
pub struct Calendar {
    pub today: Date,
}

impl Calendar {
    pub fn now() -> Self {
        Self {
            today: time::OffsetDateTime::now_utc().date(),
        }
    }

    pub fn month(&self) -> Month {
        month_of(self.today)
    }

    /// Day `d` (at most 28) of the month `back` months before this one (negative: ahead).
    /// In the current month the day is never after today.
    pub fn day(&self, back: i32, d: u8) -> Date {
        let m = self.month() - back;
        let d = if back == 0 {
            d.min(self.today.day())
        } else {
            d
        };
        let month = time::Month::try_from(m.rem_euclid(12) as u8 + 1).unwrap();
        Date::from_calendar_date(m.div_euclid(12), month, d).unwrap()
    }
}

// ---------------------------------------------------------------------------------------
// Places
// ---------------------------------------------------------------------------------------

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Point {
    pub lon: f64,
    pub lat: f64,
}

/// A box of longitudes and latitudes: claims and districts in this season are boxes.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BBox {
    pub west: f64,
    pub east: f64,
    pub south: f64,
    pub north: f64,
}

impl BBox {
    /// A square of `half` degrees either side of a point.
    pub fn around(p: Point, half: f64) -> Self {
        Self {
            west: p.lon - half,
            east: p.lon + half,
            south: p.lat - half,
            north: p.lat + half,
        }
    }

    pub fn contains(&self, p: Point) -> bool {
        (self.west..=self.east).contains(&p.lon) && (self.south..=self.north).contains(&p.lat)
    }

    pub fn centre(&self) -> Point {
        Point {
            lon: (self.west + self.east) / 2.0,
            lat: (self.south + self.north) / 2.0,
        }
    }

    /// The box as a GeoJSON Polygon geometry.
    pub fn geometry(&self) -> Json {
        let (w, e, s, n) = (self.west, self.east, self.south, self.north);
        json!({"type": "Polygon", "coordinates": [[[w, s], [e, s], [e, n], [w, n], [w, s]]]})
    }
}

/// One region of the map as the test knows it: its id (from the import), its parent, and
/// a box that holds every point the script puts in it (a country's box is only a stand-in
/// for its border: the script's points lie far inside).
#[derive(Debug, Clone, Copy)]
pub struct Area {
    pub id: Uuid,
    pub parent: Option<Uuid>,
    pub bounds: BBox,
}

#[derive(Debug, Clone, Default)]
pub struct Map {
    pub areas: Vec<Area>,
}

impl Map {
    /// The deepest region holding the point.
    pub fn locate(&self, p: Point) -> Uuid {
        let depth = |a: &Area| self.lineage(a.id).len();
        self.areas
            .iter()
            .filter(|a| a.bounds.contains(p))
            .max_by_key(|a| depth(a))
            .unwrap_or_else(|| panic!("{p:?} is in no region of the season's map"))
            .id
    }

    /// The region and its ancestors, itself first.
    pub fn lineage(&self, region: Uuid) -> Vec<Uuid> {
        let mut out = vec![region];
        while let Some(parent) = self
            .areas
            .iter()
            .find(|a| a.id == *out.last().unwrap())
            .and_then(|a| a.parent)
        {
            out.push(parent);
        }
        out
    }

    pub fn country(&self, region: Uuid) -> Uuid {
        *self.lineage(region).last().unwrap()
    }

    /// The regions at or below `region`.
    pub fn subtree(&self, region: Uuid) -> Vec<Uuid> {
        self.areas
            .iter()
            .map(|a| a.id)
            .filter(|id| self.lineage(*id).contains(&region))
            .collect()
    }
}
