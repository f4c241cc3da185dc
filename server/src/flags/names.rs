//! Normalized names and national ids, for finding the same person registered twice.
//!
//! Two registrations of one digger rarely spell the name the same way: one agent types
//! "Kôfí MENSAH", another "Kofi Mensah"; "N'Golo Kanté" comes back as "NGolo Kante" or
//! "N Golo Kante"; a Twi name is written "Ɔsei Kwabɛna" on one device and "Osei Kwabena"
//! on another. [`normalize_name`] maps all of these to one key: compatibility
//! decomposition (NFKD), combining marks removed, lowercase, the letters of West African
//! orthographies that have no decomposition folded to their Latin base (ɛ → e, ɔ → o,
//! ŋ → ng, ɖ → d, ƒ → f, ʋ → v, Hausa/Fula ɓ ɗ ƙ ƴ, …), every run of spaces and
//! punctuation (hyphens, apostrophes, dots, commas) turned into one space, and the ends
//! trimmed. Invisible format characters (zero-width space, soft hyphen, byte-order mark)
//! are dropped, not turned into spaces, so "Ko\u{AD}fi" is still "kofi".
//!
//! The order of the names is kept: "Kamara Mohamed" and "Mohamed Kamara" stay different,
//! as the rule asks for the same name, not the same set of names.

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// The key two registrations of the same name share: see the module documentation.
pub fn normalize_name(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    // A separator is written only before the next kept character, so runs collapse and
    // the ends are trimmed without a second pass.
    let mut pending_space = false;
    let lower = name.to_lowercase();
    for c in lower.nfkd().filter(|c| !is_combining_mark(*c)) {
        if is_invisible(c) {
            continue;
        }
        if c.is_alphanumeric() {
            if pending_space && !out.is_empty() {
                out.push(' ');
            }
            pending_space = false;
            match fold(c) {
                Some(s) => out.push_str(s),
                None => out.push(c),
            }
        } else {
            pending_space = true;
        }
    }
    out
}

/// A national id as a comparison key: letters uppercased, digits kept, everything else
/// (spaces, dashes, dots, slashes) removed, so "GHA-123456789-0" and "gha 1234567890" are
/// the same card.
pub fn normalize_national_id(id: &str) -> String {
    id.nfkd()
        .filter(|c| c.is_alphanumeric() && !is_combining_mark(*c))
        .flat_map(char::to_uppercase)
        .collect()
}

/// Letters of West African orthographies (and a few European ligatures) that NFKD does not
/// decompose, folded to what an agent without the special keyboard would type.
/// Input is already lowercase.
fn fold(c: char) -> Option<&'static str> {
    Some(match c {
        // Akan (Twi, Fante), Ga, Ewe, Dagbani, Bambara, Mende: open vowels.
        'ɛ' => "e",
        'ɔ' => "o",
        'ə' => "e",
        // Velar nasal (Ewe, Ga, Wolof, Bambara), palatal nasal (Bambara, Fula).
        'ŋ' => "ng",
        'ɲ' => "ny",
        // Ewe.
        'ɖ' => "d",
        'ƒ' => "f",
        'ʋ' => "v",
        'ɣ' => "g",
        // Hausa and Fula hooked letters.
        'ɓ' => "b",
        'ɗ' => "d",
        'ƙ' => "k",
        'ƴ' => "y",
        // European letters without a decomposition.
        'œ' => "oe",
        'æ' => "ae",
        'ø' => "o",
        'ß' => "ss",
        'đ' => "d",
        'ł' => "l",
        'ı' => "i",
        _ => return None,
    })
}

/// Format characters that can hide inside typed or pasted text and must not split a name.
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{AD}' | '\u{200B}'..='\u{200F}' | '\u{2060}'..='\u{2064}' | '\u{FEFF}'
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(input: &str, expected: &str) {
        assert_eq!(normalize_name(input), expected, "normalize_name({input:?})");
    }

    #[test]
    fn case_accents_and_spacing_are_ignored() {
        check("  Kôfí   MENSAH ", "kofi mensah");
        check("Kofi Mensah", "kofi mensah");
        check("KOFI\tMENSAH", "kofi mensah");
        check("Kofi\u{A0}Mensah", "kofi mensah"); // no-break space
        check("", "");
        check("   ", "");
    }

    #[test]
    fn punctuation_separates_like_a_space() {
        check("N'Golo Kanté", "n golo kante");
        check("N’Golo Kanté", "n golo kante"); // typographic apostrophe
        check("Jean-Pierre", "jean pierre");
        check("Jean–Pierre", "jean pierre"); // en dash
        check("Jean - Pierre", "jean pierre");
        check("J.-P. Koffi", "j p koffi");
        check("Kamara, Mohamed", "kamara mohamed");
        check("O'Neil", "o neil");
        check("-Abu-", "abu");
    }

    #[test]
    fn akan_names() {
        // Twi orthography and its keyboard-less spelling are one name.
        check("Ɔsei Kwabɛna", "osei kwabena");
        check("Osei Kwabena", "osei kwabena");
        check("Yaa Asantewaa", "yaa asantewaa");
        check("Kwame Nkrumah", "kwame nkrumah");
        check("Akosua Boatemaa", "akosua boatemaa");
        check("Ama Serwaa-Bonsu", "ama serwaa bonsu");
        check("Kwadwo Ɔpɔku", "kwadwo opoku");
    }

    #[test]
    fn krio_and_mende_names() {
        check("Sahr Tamba Fomba", "sahr tamba fomba");
        check("Fatmata  Kpaka", "fatmata kpaka");
        check("Mohamed Kamara", "mohamed kamara");
        check("Christiana Macauley-Cole", "christiana macauley cole");
        check("Jusu Kɔrɔma", "jusu koroma");
        check("Isatu Sesay", "isatu sesay");
    }

    #[test]
    fn french_names_of_cote_divoire_and_guinea() {
        check("Kouamé N'Guessan", "kouame n guessan");
        check("Aïssata Traoré", "aissata traore");
        check("Sékou Touré", "sekou toure");
        check("Gbagbo Laurent", "gbagbo laurent");
        check("Françoise Yao", "francoise yao");
        check("Noël Œuvrard", "noel oeuvrard");
        check("Hélène Dadié", "helene dadie");
        check("Ange-Désiré Kouassi", "ange desire kouassi");
    }

    #[test]
    fn ewe_hausa_and_fula_letters_fold() {
        check("Kɔdzo Ŋɔtsie", "kodzo ngotsie");
        check("Mawuli Ɖogbe", "mawuli dogbe");
        check("Ƒiaƒi", "fiafi");
        check("Ɗanjuma Ɓello", "danjuma bello");
        check("Ƙasimu Ƴusuf", "kasimu yusuf");
        check("Ɲamoye", "nyamoye");
    }

    #[test]
    fn compatibility_forms_and_invisible_characters() {
        check("ＫＯＦＩ", "kofi"); // full-width letters
        check("Ko\u{AD}fi", "kofi"); // soft hyphen
        check("Ko\u{200B}fi", "kofi"); // zero-width space
        check("\u{FEFF}Kofi", "kofi"); // byte-order mark
        check("Kofi\u{301}", "kofi"); // a stray combining acute
        check("İbrahim", "ibrahim");
        check("Kofi Mensah II", "kofi mensah ii");
        check("Kofi 2", "kofi 2");
    }

    #[test]
    fn name_order_is_kept() {
        assert_ne!(
            normalize_name("Kamara Mohamed"),
            normalize_name("Mohamed Kamara")
        );
    }

    #[test]
    fn national_ids_compare_without_separators_or_case() {
        let check = |input: &str, expected: &str| {
            assert_eq!(normalize_national_id(input), expected, "{input:?}");
        };
        check("GHA-123456789-0", "GHA1234567890");
        check("gha 123456789 0", "GHA1234567890");
        check("SL/2019/00417", "SL201900417");
        check("CI.0042.77", "CI004277");
        check("  A1 ", "A1");
    }

    #[test]
    fn normalizing_is_idempotent() {
        for s in [
            "  Kôfí   MENSAH ",
            "N'Golo Kanté",
            "Ɔsei Kwabɛna",
            "Noël Œuvrard",
            "J.-P. Koffi",
        ] {
            let once = normalize_name(s);
            assert_eq!(normalize_name(&once), once, "{s:?}");
        }
    }
}
