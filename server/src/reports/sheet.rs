//! Every CSV the server writes (pure): one writer, so that every cell is made safe for the
//! spreadsheet that opens it.
//!
//! Text in a cell can come from a device (a miner's name, a cooperative, a licence holder)
//! or an officer. A spreadsheet reads a cell that starts with `=`, `+`, `-` or `@` as a
//! formula (`=HYPERLINK(...)` sends a click to another site, older ones ran commands), and
//! one that starts with a tab or a carriage return can be turned into one. Such a cell is
//! written with a `'` in front, which the spreadsheet shows as text. Figures are written
//! as they are: `-12.50` is a number, not a formula.

use std::borrow::Cow;

/// A CSV being written, every cell neutralised ([`neutralised`]).
pub struct Sheet(csv::Writer<Vec<u8>>);

impl Default for Sheet {
    fn default() -> Self {
        Self::new()
    }
}

impl Sheet {
    pub fn new() -> Self {
        Self(csv::Writer::from_writer(Vec::new()))
    }

    /// Writes one row.
    pub fn row<I, T>(&mut self, cells: I) -> Result<(), csv::Error>
    where
        I: IntoIterator<Item = T>,
        T: AsRef<str>,
    {
        self.0.write_record(
            cells
                .into_iter()
                .map(|c| neutralised(c.as_ref()).into_owned()),
        )
    }

    /// The CSV text.
    pub fn finish(self) -> Result<String, csv::Error> {
        let bytes = self.0.into_inner().map_err(|e| e.into_error())?;
        Ok(String::from_utf8(bytes).expect("CSV of UTF-8 fields"))
    }
}

/// The cell as a spreadsheet can open it safely: a `'` before a cell that a spreadsheet
/// would read as a formula, unless the cell is a plain number.
pub fn neutralised(cell: &str) -> Cow<'_, str> {
    let risky = cell.starts_with(['=', '+', '-', '@', '\t', '\r']);
    if risky && !is_number(cell) {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

/// `-12`, `-0.5`, `+3.25`: a sign, digits, at most one decimal point with digits after it.
fn is_number(cell: &str) -> bool {
    let digits = cell.strip_prefix(['-', '+']).unwrap_or(cell);
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, "0"));
    !whole.is_empty()
        && !fraction.is_empty()
        && whole.bytes().all(|b| b.is_ascii_digit())
        && fraction.bytes().all(|b| b.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn formulas_are_written_as_text_and_figures_as_they_are() {
        for (cell, written) in [
            (
                "=HYPERLINK(\"http://evil.example\",\"x\")",
                "'=HYPERLINK(\"http://evil.example\",\"x\")",
            ),
            ("+1+cmd|' /C calc'!A0", "'+1+cmd|' /C calc'!A0"),
            ("-2+3", "'-2+3"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\t=1", "'\t=1"),
            ("\r=1", "'\r=1"),
            ("-", "'-"),
            ("-12.50", "-12.50"),
            ("-0.5", "-0.5"),
            ("+3", "+3"),
            ("Kofi Mensah", "Kofi Mensah"),
            ("", ""),
            ("12=3", "12=3"),
        ] {
            assert_eq!(neutralised(cell), written, "{cell:?}");
        }
        let mut s = Sheet::new();
        s.row(["name", "carats"]).unwrap();
        s.row(["=1+1", "-1.25"]).unwrap();
        assert_eq!(s.finish().unwrap(), "name,carats\n'=1+1,-1.25\n");
    }

    proptest! {
        /// No cell of any text is written so that it starts a formula.
        #[test]
        fn no_cell_starts_a_formula(cell in "\\PC*") {
            let out = neutralised(&cell);
            let starts = out.starts_with(['=', '+', '@', '\t', '\r'])
                || (out.starts_with('-') && !is_number(&out));
            prop_assert!(!starts || is_number(&out), "{:?}", out);
        }
    }
}
