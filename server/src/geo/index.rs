//! Point → region: the deepest region containing a GPS fix, among thousands of polygons.
//!
//! [`RegionIndex`] keeps, per level, an R-tree (`rstar`, the index `geo` is built on) of
//! the bounding box of every polygon of every region of that level; a lookup asks the
//! deepest level's tree for the boxes holding the point, tests only those polygons, each
//! through a [`PreparedPolygon`], and goes up a level only when none holds the point. One
//! tree per level keeps the countries' huge boxes from swelling the nodes that the small
//! district boxes live in.
//!
//! # Which region wins
//!
//! A point is in a region when it is inside or on the boundary of one of the region's
//! polygons (and not inside one of its holes). Among the regions that contain the point in
//! that sense, the winner is the one of the **deepest level** (district, then region, then
//! country), and among those of that level the one with the **smallest id** (`Uuid`
//! ordering). So a point exactly on the border between two districts, or in the overlap of
//! two badly drawn districts, always goes to the same one of them, on every server, whatever
//! order the regions were loaded in; and a fix on the outer edge of a district still finds
//! that district rather than falling through to the country.
//!
//! The level is the region's declared [`RegionLevel`]; the index does not check that a
//! district lies inside its parent. Ids are expected to be unique.

use std::collections::BTreeMap;

use ::geo::{BoundingRect, Coord, MultiPolygon};
use rstar::primitives::{GeomWithData, Rectangle};
use rstar::RTree;
use sync_protocol::records::{Region, RegionLevel};
use uuid::Uuid;

use super::prepared::PreparedPolygon;
use super::shape::boundary_to_geo;

/// A region as the index needs it.
#[derive(Debug, Clone)]
pub struct RegionShape {
    pub id: Uuid,
    pub level: RegionLevel,
    pub parent: Option<Uuid>,
    pub boundary: MultiPolygon<f64>,
}

impl RegionShape {
    pub fn from_region(r: &Region) -> Self {
        Self {
            id: r.id,
            level: r.level,
            parent: r.parent,
            boundary: boundary_to_geo(&r.boundary),
        }
    }
}

/// Bounding boxes of polygons, each with its index in `RegionIndex::parts`.
type BoxTree = RTree<GeomWithData<Rectangle<[f64; 2]>, usize>>;

/// One polygon of one region.
#[derive(Debug)]
struct Part {
    region: usize,
    prepared: PreparedPolygon,
}

/// The spatial index of region boundaries. Immutable: rebuild it when regions change (it
/// takes milliseconds for thousands of districts; see `BENCHMARKS.md`).
#[derive(Debug)]
pub struct RegionIndex {
    /// Sorted by id, so that nothing depends on the order regions were given in.
    regions: Vec<RegionShape>,
    parts: Vec<Part>,
    /// One tree of polygon boxes (data: index in `parts`) per level, deepest level first.
    trees: Vec<(RegionLevel, BoxTree)>,
    /// Each region's children, in id order.
    children: std::collections::HashMap<Uuid, Vec<Uuid>>,
    /// Names of the regions built from wire regions ([`RegionIndex::from_regions`]), for
    /// the reports a person reads.
    names: std::collections::HashMap<Uuid, String>,
}

impl RegionIndex {
    pub fn new(regions: impl IntoIterator<Item = RegionShape>) -> Self {
        let mut regions: Vec<RegionShape> = regions.into_iter().collect();
        regions.sort_by_key(|r| r.id);
        let mut parts = Vec::new();
        let mut boxes: BTreeMap<RegionLevel, Vec<_>> = BTreeMap::new();
        for (ri, r) in regions.iter().enumerate() {
            for poly in &r.boundary.0 {
                let Some(rect) = poly.bounding_rect() else {
                    continue;
                };
                let (lo, hi) = (rect.min(), rect.max());
                if ![lo.x, lo.y, hi.x, hi.y].iter().all(|v| v.is_finite()) {
                    continue;
                }
                boxes.entry(r.level).or_default().push(GeomWithData::new(
                    Rectangle::from_corners([lo.x, lo.y], [hi.x, hi.y]),
                    parts.len(),
                ));
                parts.push(Part {
                    region: ri,
                    prepared: PreparedPolygon::new(poly),
                });
            }
        }
        let trees = boxes
            .into_iter()
            .rev()
            .map(|(level, b)| (level, RTree::bulk_load(b)))
            .collect();
        let mut children: std::collections::HashMap<Uuid, Vec<Uuid>> = Default::default();
        for r in &regions {
            if let Some(p) = r.parent {
                children.entry(p).or_default().push(r.id);
            }
        }
        Self {
            regions,
            parts,
            trees,
            children,
            names: Default::default(),
        }
    }

    /// Builds the index from wire regions, with their names.
    pub fn from_regions<'a>(regions: impl IntoIterator<Item = &'a Region>) -> Self {
        let regions: Vec<&Region> = regions.into_iter().collect();
        let mut index = Self::new(regions.iter().map(|r| RegionShape::from_region(r)));
        index.names = regions.iter().map(|r| (r.id, r.name.to_string())).collect();
        index
    }

    /// A region's name, when the index was built with names.
    pub fn name(&self, id: Uuid) -> Option<&str> {
        self.names.get(&id).map(String::as_str)
    }

    /// The deepest region containing (lon, lat), ties to the smallest id (module doc).
    pub fn locate(&self, lon: f64, lat: f64) -> Option<Uuid> {
        self.find(lon, lat, None)
    }

    /// The region of exactly `level` containing (lon, lat), ties to the smallest id.
    pub fn locate_at_level(&self, lon: f64, lat: f64, level: RegionLevel) -> Option<Uuid> {
        self.find(lon, lat, Some(level))
    }

    /// The country containing (lon, lat), ties to the smallest id.
    pub fn country_of(&self, lon: f64, lat: f64) -> Option<Uuid> {
        self.locate_at_level(lon, lat, RegionLevel::Country)
    }

    /// Whether region `id` contains (lon, lat) (boundary included).
    #[cfg(test)]
    pub fn contains(&self, id: Uuid, lon: f64, lat: f64) -> bool {
        let c = Coord { x: lon, y: lat };
        let Ok(ri) = self.regions.binary_search_by_key(&id, |r| r.id) else {
            return false;
        };
        let Some((_, tree)) = self
            .trees
            .iter()
            .find(|(l, _)| *l == self.regions[ri].level)
        else {
            return false;
        };
        tree.locate_all_at_point(&[lon, lat])
            .any(|b| self.parts[b.data].region == ri && self.parts[b.data].prepared.intersects(c))
    }

    /// A region by id.
    pub fn get(&self, id: Uuid) -> Option<&RegionShape> {
        self.regions
            .binary_search_by_key(&id, |r| r.id)
            .ok()
            .map(|i| &self.regions[i])
    }

    /// The country-level region that is `id` or one of its ancestors. `None` if the chain
    /// of parents ends (or loops) without reaching a country.
    pub fn country_ancestor(&self, id: Uuid) -> Option<Uuid> {
        let mut current = id;
        for _ in 0..=self.regions.len() {
            let r = self.get(current)?;
            if r.level == RegionLevel::Country {
                return Some(r.id);
            }
            current = r.parent?;
        }
        None
    }

    /// `id` and the regions it lies in, up to the top, each once (an id the index does not
    /// know is its own lineage).
    pub fn lineage(&self, id: Uuid) -> Vec<Uuid> {
        let mut out = vec![id];
        let mut current = id;
        while let Some(parent) = self.get(current).and_then(|r| r.parent) {
            if out.contains(&parent) {
                break;
            }
            out.push(parent);
            current = parent;
        }
        out
    }

    /// The given regions and every region below them (districts of a listed country, say),
    /// each once, in a fixed order. Ids the index does not know are kept as given: a scope
    /// may name a region before it is imported.
    pub fn with_descendants(&self, roots: &[Uuid]) -> Vec<Uuid> {
        let mut out: Vec<Uuid> = Vec::new();
        let mut seen = std::collections::HashSet::new();
        let mut queue: std::collections::VecDeque<Uuid> = roots.iter().copied().collect();
        while let Some(id) = queue.pop_front() {
            if !seen.insert(id) {
                continue;
            }
            out.push(id);
            // `regions` is sorted by id, so children come out in a fixed order.
            queue.extend(self.children.get(&id).into_iter().flatten().copied());
        }
        out
    }

    /// Whether `id` is an imported country.
    pub fn is_country(&self, id: Uuid) -> bool {
        self.get(id)
            .is_some_and(|r| r.level == sync_protocol::records::RegionLevel::Country)
    }

    /// The regions one level below `id`.
    pub fn children(&self, id: Uuid) -> Vec<Uuid> {
        self.children.get(&id).cloned().unwrap_or_default()
    }

    /// Number of regions.
    pub fn len(&self) -> usize {
        self.regions.len()
    }

    pub fn is_empty(&self) -> bool {
        self.regions.is_empty()
    }

    fn find(&self, lon: f64, lat: f64, level: Option<RegionLevel>) -> Option<Uuid> {
        if !lon.is_finite() || !lat.is_finite() {
            return None;
        }
        let c = Coord { x: lon, y: lat };
        for (tree_level, tree) in &self.trees {
            if level.is_some_and(|l| l != *tree_level) {
                continue;
            }
            // The smallest id among this level's regions holding the point; a polygon is
            // tested only if its region would beat the current winner.
            let mut best: Option<Uuid> = None;
            for b in tree.locate_all_at_point(&[lon, lat]) {
                let part = &self.parts[b.data];
                let id = self.regions[part.region].id;
                if best.is_none_or(|w| id < w) && part.prepared.intersects(c) {
                    best = Some(id);
                }
            }
            if best.is_some() {
                return best;
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ::geo::{polygon, Polygon};
    use proptest::prelude::*;

    fn id(n: u128) -> Uuid {
        Uuid::from_u128(n)
    }

    fn rect(x0: f64, y0: f64, x1: f64, y1: f64) -> Polygon<f64> {
        polygon![(x: x0, y: y0), (x: x1, y: y0), (x: x1, y: y1), (x: x0, y: y1), (x: x0, y: y0)]
    }

    fn shape(
        n: u128,
        level: RegionLevel,
        parent: Option<u128>,
        polys: Vec<Polygon<f64>>,
    ) -> RegionShape {
        RegionShape {
            id: id(n),
            level,
            parent: parent.map(id),
            boundary: MultiPolygon(polys),
        }
    }

    #[test]
    fn a_scope_covers_the_regions_below_it() {
        let index = sample();
        let mut all = index.with_descendants(&[id(10)]);
        all.sort();
        let mut want: Vec<Uuid> = index
            .regions
            .iter()
            .filter(|r| index.country_ancestor(r.id) == Some(id(10)))
            .map(|r| r.id)
            .collect();
        want.sort();
        assert_eq!(all, want);
        assert_eq!(
            all,
            vec![id(10), id(11), id(111), id(112)],
            "the country, its region, its districts"
        );
        let unknown = Uuid::from_u128(999);
        assert_eq!(index.with_descendants(&[unknown, unknown]), vec![unknown]);
    }

    /// A country 0..10 × 0..10 with a region on its west half, two districts in it (one
    /// with a hole, one of two pieces), and a second country to the east sharing its edge.
    fn sample() -> RegionIndex {
        use RegionLevel::*;
        let holed = Polygon::new(
            rect(0.0, 0.0, 5.0, 5.0).exterior().clone(),
            vec![rect(1.0, 1.0, 2.0, 2.0).exterior().clone()],
        );
        RegionIndex::new(vec![
            shape(10, Country, None, vec![rect(0.0, 0.0, 10.0, 10.0)]),
            shape(20, Country, None, vec![rect(10.0, 0.0, 20.0, 10.0)]),
            shape(11, Region, Some(10), vec![rect(0.0, 0.0, 5.0, 10.0)]),
            shape(111, District, Some(11), vec![holed]),
            shape(
                112,
                District,
                Some(11),
                vec![rect(0.0, 5.0, 5.0, 7.0), rect(0.0, 8.0, 5.0, 10.0)],
            ),
        ])
    }

    #[test]
    fn the_deepest_region_wins() {
        let ix = sample();
        assert_eq!(ix.locate(3.0, 3.0), Some(id(111)));
        assert_eq!(ix.locate(3.0, 6.0), Some(id(112)));
        assert_eq!(ix.locate(3.0, 9.0), Some(id(112)), "second piece");
        assert_eq!(
            ix.locate(3.0, 7.5),
            Some(id(11)),
            "between the pieces: the region"
        );
        assert_eq!(ix.locate(1.5, 1.5), Some(id(11)), "in the hole: the region");
        assert_eq!(ix.locate(7.0, 3.0), Some(id(10)));
        assert_eq!(ix.locate(15.0, 3.0), Some(id(20)));
        assert_eq!(ix.locate(25.0, 3.0), None);
        assert_eq!(ix.locate(f64::NAN, 3.0), None);
        assert_eq!(ix.country_of(3.0, 3.0), Some(id(10)));
        assert_eq!(
            ix.locate_at_level(3.0, 3.0, RegionLevel::Region),
            Some(id(11))
        );
        assert_eq!(ix.len(), 5);
    }

    #[test]
    fn boundaries_are_inside_and_ties_go_to_the_smallest_id() {
        let ix = sample();
        // The edge of the hole belongs to the district.
        assert_eq!(ix.locate(1.0, 1.5), Some(id(111)));
        // The shared edge of districts 111 and 112: both contain it, 111 < 112.
        assert_eq!(ix.locate(3.0, 5.0), Some(id(111)));
        // The border between the two countries: 10 < 20.
        assert_eq!(ix.locate(10.0, 3.0), Some(id(10)));
        assert_eq!(ix.country_of(10.0, 3.0), Some(id(10)));
        // The outer corner of the second country is still in it.
        assert_eq!(ix.locate(20.0, 10.0), Some(id(20)));
        assert!(ix.contains(id(20), 10.0, 3.0));
        assert!(!ix.contains(id(111), 1.5, 1.5));
        assert!(!ix.contains(id(999), 1.5, 1.5));
    }

    #[test]
    fn overlapping_regions_of_one_level_go_to_the_smallest_id() {
        use RegionLevel::*;
        let a = shape(7, District, None, vec![rect(0.0, 0.0, 2.0, 2.0)]);
        let b = shape(5, District, None, vec![rect(1.0, 1.0, 3.0, 3.0)]);
        let ix = RegionIndex::new(vec![a.clone(), b.clone()]);
        assert_eq!(ix.locate(1.5, 1.5), Some(id(5)));
        assert_eq!(ix.locate(0.5, 0.5), Some(id(7)));
        let ix = RegionIndex::new(vec![b, a]);
        assert_eq!(ix.locate(1.5, 1.5), Some(id(5)));
    }

    #[test]
    fn ancestors_lead_to_the_country() {
        let ix = sample();
        assert_eq!(ix.country_ancestor(id(111)), Some(id(10)));
        assert_eq!(ix.country_ancestor(id(10)), Some(id(10)));
        assert_eq!(ix.country_ancestor(id(999)), None);
        assert_eq!(ix.get(id(112)).unwrap().boundary.0.len(), 2);
        // A loop of parents ends.
        let looped = RegionIndex::new(vec![
            shape(1, RegionLevel::District, Some(2), vec![]),
            shape(2, RegionLevel::Region, Some(1), vec![]),
        ]);
        assert_eq!(looped.country_ancestor(id(1)), None);
    }

    #[test]
    fn wire_regions_are_indexed() {
        use sync_protocol::values::{Point, Polygon as WirePolygon, Ring, Text};
        let p = |x: f64, y: f64| Point::new(x, y).unwrap();
        let region = Region {
            id: id(3),
            name: Text::parse("Kono").unwrap(),
            level: RegionLevel::District,
            parent: None,
            boundary: vec![WirePolygon {
                exterior: Ring::new(vec![p(0.0, 0.0), p(1.0, 0.0), p(1.0, 1.0), p(0.0, 0.0)])
                    .unwrap(),
                holes: vec![],
            }],
        };
        let ix = RegionIndex::from_regions([&region]);
        assert_eq!(ix.locate(0.7, 0.2), Some(id(3)));
        assert_eq!(ix.locate(0.2, 0.7), None);
        assert_eq!(ix.name(id(3)), Some("Kono"));
        assert_eq!(ix.name(id(4)), None);
    }

    const GRID: usize = 6;
    const CELL: f64 = 0.1;
    const X0: f64 = -3.0;
    const Y0: f64 = 6.0;

    fn edge_x(i: usize) -> f64 {
        X0 + i as f64 * CELL
    }
    fn edge_y(j: usize) -> f64 {
        Y0 + j as f64 * CELL
    }

    /// GRID × GRID adjacent squares sharing edges (exactly the same corner coordinates),
    /// cell (i, j) with id ids[j * GRID + i].
    fn grid(ids: &[u128], order: &[usize]) -> RegionIndex {
        RegionIndex::new(order.iter().map(|&k| {
            let (i, j) = (k % GRID, k / GRID);
            shape(
                ids[k],
                RegionLevel::District,
                None,
                vec![rect(edge_x(i), edge_y(j), edge_x(i + 1), edge_y(j + 1))],
            )
        }))
    }

    /// Ids of the cells whose closed square holds the grid point (i, j) given in half-cell
    /// steps: an odd step is the middle of a cell, an even one an edge.
    fn touching(ids: &[u128], hi: usize, hj: usize) -> Vec<u128> {
        let span = |h: usize| -> Vec<usize> {
            if h % 2 == 1 {
                vec![h / 2]
            } else {
                let e = h / 2;
                [e.checked_sub(1), Some(e)]
                    .into_iter()
                    .flatten()
                    .filter(|&c| c < GRID)
                    .collect()
            }
        };
        let mut out = vec![];
        for &j in &span(hj) {
            for &i in &span(hi) {
                out.push(ids[j * GRID + i]);
            }
        }
        out
    }

    fn ids_and_orders() -> impl Strategy<Value = (Vec<u128>, Vec<usize>, Vec<usize>)> {
        (
            prop::collection::hash_set(any::<u128>(), GRID * GRID),
            Just((0..GRID * GRID).collect::<Vec<usize>>()).prop_shuffle(),
            Just((0..GRID * GRID).collect::<Vec<usize>>()).prop_shuffle(),
        )
            .prop_map(|(ids, a, b)| (ids.into_iter().collect(), a, b))
    }

    proptest! {
        #[test]
        fn a_random_point_in_the_grid_has_exactly_one_region_that_holds_it(
            (ids, order, _) in ids_and_orders(),
            points in prop::collection::vec((0.0f64..1.0, 0.0f64..1.0), 40),
        ) {
            let ix = grid(&ids, &order);
            let span = GRID as f64 * CELL;
            for (u, v) in points {
                let (x, y) = (X0 + u * span, Y0 + v * span);
                let found = ix.locate(x, y);
                prop_assert!(found.is_some(), "({}, {}) found nothing", x, y);
                let found = found.unwrap();
                prop_assert!(ix.contains(found, x, y));
                // The winner is the smallest id among all cells holding the point.
                let holders: Vec<Uuid> = ids.iter().map(|&n| id(n)).filter(|&r| ix.contains(r, x, y)).collect();
                prop_assert_eq!(Some(found), holders.iter().min().copied());
            }
        }

        #[test]
        fn edges_and_corners_go_to_one_region_whatever_the_insertion_order(
            (ids, order_a, order_b) in ids_and_orders(),
            picks in prop::collection::vec((0..=2 * GRID, 0..=2 * GRID), 40),
        ) {
            let a = grid(&ids, &order_a);
            let b = grid(&ids, &order_b);
            for (hi, hj) in picks {
                let x = if hi % 2 == 0 { edge_x(hi / 2) } else { edge_x(hi / 2) + CELL / 2.0 };
                let y = if hj % 2 == 0 { edge_y(hj / 2) } else { edge_y(hj / 2) + CELL / 2.0 };
                let expected = touching(&ids, hi, hj).into_iter().min().map(id);
                let got = a.locate(x, y);
                prop_assert_eq!(got, expected, "({}, {})", x, y);
                prop_assert_eq!(a.locate(x, y), got, "same answer every time");
                prop_assert_eq!(b.locate(x, y), got, "same answer in another insertion order");
            }
        }
    }
}
