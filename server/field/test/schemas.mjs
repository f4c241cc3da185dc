//! The schema of each vector of `encodings.json`, by its name: shared by the node tests and
//! the run of the vectors in a browser (`in_browser.mjs`), so both read a vector as the
//! same type. Nothing here is node's.

import { hlc } from '../js/protocol/schema.js';
import * as T from '../js/protocol/types.js';

const RULES = [
  [/^Hlc\b/, hlc],
  [/^Day\b/, T.Day],
  [/^Carats$/, T.Carats],
  [/^UsdCents$/, T.UsdCents],
  [/^Point\b/, T.Point],
  [/^GeoFix$/, T.GeoFix],
  [/^Polygon$/, T.Polygon],
  [/^Stones::/, T.Stones],
  [/^Parcel::/, T.Parcel],
  [/^Holder::/, T.Holder],
  [/^Seller::/, T.Seller],
  [/^HsCode::/, T.HsCode],
  [/^Collection::/, T.Collection],
  [/^MinerField::/, T.MinerField],
  [/^LicenceField::/, T.LicenceField],
  [/^RegionField::/, T.RegionField],
  [/^Production$/, T.Production],
  [/^Sale$/, T.Sale],
  [/^Export$/, T.Export],
  [/^Region$/, T.Region],
  [/^FactField::\w+ \(production\)$/, T.ProductionField],
  [/^WriteId$/, T.WriteId],
  [/^Set with a base$/, T.SetOf(T.MinerField)],
  [/^Op \(/, T.Op],
  [/^AnyRecord::/, T.AnyRecord],
  [/^Batch$/, T.Batch],
  [/^Signed\b/, T.Signed],
  [/^EnrolRequest$/, T.EnrolRequest],
  [/^Enrolment$/, T.Enrolment],
  [/^PushAck$/, T.PushAck],
  [/^PullRequest$/, T.PullRequest],
  [/^AckRequest$/, T.AckRequest],
  [/^PullPage\b/, T.PullPage],
  [/^NotesRequest$/, T.NotesRequest],
  [/^NotesPage\b/, T.NotesPage],
  [/^ErrorBody\b/, T.ErrorBody],
  // Photos and documents.
  [/^PhotoKind::/, T.PhotoKind],
  [/^PhotoChunk\b/, T.PhotoChunk],
  [/^PhotoAck$/, T.PhotoAck],
];

/**
 * The schema of the vector named `name`, or null for a name no rule knows.
 * @param {string} name
 */
export function vectorSchema(name) {
  const rule = RULES.find(([re]) => re.test(name));
  return rule ? rule[1] : null;
}
