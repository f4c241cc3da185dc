//! Geography: which region a GPS fix falls in, whether a licence polygon is a plausible
//! area, and how far a fix lies outside a polygon. Pure logic: no HTTP, no storage.
//!
//! # Conventions
//!
//! - **Coordinates** are WGS 84 longitude and latitude in degrees, in that order (x = lon,
//!   y = lat), as in GeoJSON and in `sync_protocol::values::Point`. Every geometry here is a
//!   [`::geo`] type in those degrees; [`shape`] converts to and from Placer's wire types.
//! - **Inside includes the boundary.** A point on an edge or a corner of a polygon is in it,
//!   for every polygon that touches it; ties between regions are then broken by one fixed rule
//!   (the deepest level, then the smallest id; see [`index`]), so a point on a shared border
//!   always goes to the same single region. A point in a hole is outside; a point on a hole's
//!   edge is inside.
//! - **Distances** are in metres on the WGS 84 ellipsoid, measured in a local plane: the
//!   boundary is projected onto an equirectangular plane centred on the point and scaled by
//!   the ellipsoid's two radii of curvature at the point's latitude, and the distance to each
//!   edge is the planar point-to-segment distance there ([`fence`]). Why this method: the
//!   distances we need are short (a fix's stated accuracy, a fix just outside a claim, a few
//!   tens of kilometres to a border) and are computed at ingest for polygons of thousands of
//!   corners, so each edge must cost a few multiplications; the local plane gives the nearest
//!   point on an edge in closed form, where geodesic point-to-edge distance needs iteration;
//!   and its error is far below 1% within 50 km (tests compare it with Karney's geodesic
//!   distance through `geo`). Haversine alone would not give the distance to an edge, and its
//!   spherical radius is itself up to 0.5% off the ellipsoid.
//! - **Areas** are geodesic (Karney's algorithm on WGS 84, through `geo::GeodesicArea`).
//! - Polygon validity (self-intersection, holes) is planar in degrees, as GeoJSON's is; over
//!   areas the size of a mining licence the difference with the ellipsoid does not matter.
//!
//! # Modules
//! - [`shape`]: wire types ⇄ `geo` types, GeoJSON → boundaries, licence-area validation.
//! - [`index`]: [`RegionIndex`], point → deepest region through an R-tree of bounding boxes.
//! - [`prepared`]: banded point-in-polygon for boundaries of thousands of corners.
//! - [`fence`]: distance from a fix to a polygon; "outside beyond its accuracy".
//! - [`borders`]: the ten real national borders embedded from `server/data/geo/`.

pub mod borders;
pub mod fence;
pub mod index;
pub mod prepared;
pub mod shape;

pub use borders::country_border;
pub use fence::fix_outside_area;
pub use index::{RegionIndex, RegionShape};
pub use shape::{
    boundary_from_geo, boundary_from_geojson, boundary_to_geo, polygon_to_geo,
    validate_licence_area,
};
