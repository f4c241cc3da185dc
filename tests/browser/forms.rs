//! The forms and links a person uses: resolving a flag with a note, downloading a table's
//! CSV by clicking its link.

use crate::expected::{self, columns, MONTHLY};
use crate::fixture::{ADMIN, OWN_DISTRICT, SEASON};
use crate::harness::OFFICER_PASSWORD;
use crate::{log_in, report_screenshots, start};

#[test]
fn a_flag_resolved_in_the_browser_keeps_the_note_and_a_csv_download_is_the_table() {
    let Some((reg, b)) = start("forms") else {
        return;
    };
    let token = reg.server.login(ADMIN);
    let open = reg.api(&token, "/v1/flags?state=open&limit=1");
    let id = open["items"][0]["id"]
        .as_str()
        .expect("an open flag")
        .to_string();

    b.goto(&format!("/flags/{id}"));
    log_in(&b, ADMIN, OFFICER_PASSWORD);
    assert_eq!(b.location(), format!("/flags/{id}"));
    assert_eq!(b.figures()["state"], "open");
    b.screenshot("flag-open");

    // Typed into the form and sent with its button: back on the flag, resolved.
    let note = "Checked with the licence office: renewal filed on paper, 3 May";
    b.type_into("#resolve textarea[name=note]", note);
    b.click("#resolve button[type=submit]");
    assert_eq!(b.location(), format!("/flags/{id}"));
    assert!(b.h1().starts_with("Flag: "), "{}", b.h1());
    assert_eq!(b.figures()["state"], "resolved");
    assert!(
        !b.has("form#resolve"),
        "a resolved flag has no resolve form"
    );
    b.screenshot("flag-resolved");
    let history = b.table("history");
    let last = columns(&history, &["event", "by", "note"]).pop().unwrap();
    assert_eq!(last, ["resolved", ADMIN, note]);

    // The API says the same: resolved, by this officer, with the note.
    let flag = reg.api(&token, &format!("/v1/flags/{id}"));
    assert_eq!(flag["state"], "resolved");
    let event = flag["history"].as_array().unwrap().last().unwrap().clone();
    assert_eq!(event["by"], ADMIN);
    assert_eq!(event["note"], note);

    // A table's CSV link, clicked: the file holds the table's rows, which are the report's.
    let akwatia = reg.region(OWN_DISTRICT);
    b.goto(&format!("/regions/{akwatia}?{SEASON}"));
    b.expect_page(&format!("Region: {OWN_DISTRICT}"), "region");
    let file = b.download("a[data-csv=monthly]");
    assert_eq!(file.file_name().unwrap(), "monthly.csv");
    let rows: Vec<Vec<String>> = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_path(&file)
        .unwrap()
        .records()
        .map(|r| {
            r.expect("a CSV record")
                .iter()
                .map(str::to_string)
                .collect()
        })
        .collect();
    let mut table = b.table("monthly");
    // The file is headed by the labels the page shows; the rows are the table's.
    let labels: serde_json::Value = b.js(
        "return Array.from(document.querySelectorAll('#monthly thead th[data-column]')).map(th => th.textContent.trim())",
    );
    let labels: Vec<String> = serde_json::from_value(labels).unwrap();
    assert_eq!(rows[0], labels, "the CSV's header");
    assert_eq!(rows[1..], table[1..], "the CSV's rows");
    let mut rows = rows;
    rows[0] = std::mem::take(&mut table[0]);
    let regional = reg.api(
        &token,
        &format!("/v1/reports/regional?{SEASON}&region={akwatia}"),
    );
    assert_eq!(columns(&rows, &MONTHLY), expected::monthly(&regional));

    report_screenshots(&b);
}
