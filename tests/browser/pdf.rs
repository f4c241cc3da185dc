//! What a PDF printed by Chromium holds, read from its bytes (pure): its pages and their
//! size (`/MediaBox`, in points), and its title (the Info dictionary's `/Title`, which
//! Chromium takes from the document's `<title>`). The text of the pages is compressed and
//! set in subset fonts: it is checked in the page's DOM before printing instead.

/// The pages' sizes, in points, in the order they appear in the file.
pub fn page_sizes(pdf: &[u8]) -> Vec<(f64, f64)> {
    let text = String::from_utf8_lossy(pdf);
    let mut sizes = Vec::new();
    let mut rest = text.as_ref();
    while let Some(at) = rest.find("/Type /Page") {
        let after = &rest[at + "/Type /Page".len()..];
        rest = after;
        if after.starts_with('s') {
            continue;
        }
        // The page's dictionary: from its `<<` to its `>>`, around the `/Type`.
        let end = after.find("endobj").unwrap_or(after.len());
        let dict = &after[..end];
        let start_dict = {
            let before = &text[..text.len() - after.len()];
            let obj = before.rfind(" obj").unwrap_or(0);
            &text[obj..text.len() - after.len()]
        };
        let whole = format!("{start_dict}{dict}");
        if let Some(m) = whole.find("/MediaBox") {
            let inside = &whole[m..];
            let (open, close) = (inside.find('[').unwrap(), inside.find(']').unwrap());
            let numbers: Vec<f64> = inside[open + 1..close]
                .split_whitespace()
                .filter_map(|n| n.parse().ok())
                .collect();
            if let [x0, y0, x1, y1] = numbers[..] {
                sizes.push((x1 - x0, y1 - y0));
            }
        }
    }
    sizes
}

/// The document's title from the Info dictionary: a literal `(…)` string, or a hex
/// `<FEFF…>` one in UTF-16.
pub fn title(pdf: &[u8]) -> Option<String> {
    let text = String::from_utf8_lossy(pdf);
    let at = text.find("/Title")?;
    let v = text[at + "/Title".len()..].trim_start();
    if let Some(hex) = v.strip_prefix('<') {
        let hex = &hex[..hex.find('>')?];
        let bytes: Vec<u8> = (0..hex.len() / 2)
            .filter_map(|i| u8::from_str_radix(&hex[2 * i..2 * i + 2], 16).ok())
            .collect();
        let units: Vec<u16> = bytes
            .chunks(2)
            .map(|c| u16::from_be_bytes([c[0], *c.get(1).unwrap_or(&0)]))
            .collect();
        let units = units.strip_prefix(&[0xFEFF]).unwrap_or(&units);
        return Some(String::from_utf16_lossy(units));
    }
    let lit = v.strip_prefix('(')?;
    let mut out = String::new();
    let mut chars = lit.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                if let Some(n) = chars.next() {
                    out.push(n);
                }
            }
            ')' => break,
            c => out.push(c),
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_and_titles_are_read() {
        let pdf = b"%PDF-1.4\n1 0 obj\n<</Type /Pages /Count 2>>\nendobj\n\
            2 0 obj\n<</Type /Page\n/MediaBox [0 0 594.95996 841.91998]>>\nendobj\n\
            3 0 obj\n<</MediaBox [0 0 594.95996 841.91998] /Type /Page>>\nendobj\n\
            4 0 obj\n<</Title <FEFF0047006800610020>>>\nendobj\n";
        let sizes = page_sizes(pdf);
        assert_eq!(sizes.len(), 2, "{sizes:?}");
        assert!((sizes[1].0 - 595.0).abs() < 1.0);
        assert_eq!(title(pdf).unwrap(), "Gha ");
        assert_eq!(title(b"/Title (A \\(b\\))").unwrap(), "A (b)");
    }
}
