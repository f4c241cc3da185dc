//! What the demo season is made of, per country: towns to name districts after, the
//! diamond fields where licences cluster, the stone-size distribution, prices, seasons,
//! names. Figures are plausible orders of magnitude for artisanal alluvial diamonds, not
//! statistics of any real year.

use sync_protocol::values::{Carats, HsCode};

use super::districts::Town;
use super::rng::Rng;

/// Weights of single rough stones: log-normal, in carats.
///
/// Alluvial stone sizes are right-skewed over orders of magnitude, which a log-normal
/// fits well enough for a demo. Ghana's fields (Akwatia, the Birim valley) yield mostly
/// small, largely industrial stones, about a tenth of a carat on average; Sierra Leone's
/// (Kono, Tongo, the Sewa) are known for larger gem stones, around half a carat on
/// average with a long tail. The footprint report tells the two apart.
#[derive(Debug, Clone, Copy)]
pub struct StoneSizes {
    /// The median stone, in carats.
    pub median_ct: f64,
    /// The standard deviation of the weight's natural logarithm.
    pub sigma: f64,
}

impl StoneSizes {
    /// The mean of the distribution: median · exp(σ²/2).
    pub fn mean_ct(&self) -> f64 {
        self.median_ct * (self.sigma * self.sigma / 2.0).exp()
    }

    /// One stone, rounded to the hundredth of a carat a buying-office scale reads, at
    /// least 0.01 ct and at most 500 ct.
    pub fn draw(&self, rng: &mut Rng) -> Carats {
        let ct = self.median_ct * (self.sigma * rng.normal()).exp();
        let hundredths = (ct * 100.0).round().clamp(1.0, 50_000.0) as u64;
        Carats::from_hundredths(hundredths).expect("within the carat range")
    }
}

/// A diamond field: licences are placed around its centre.
#[derive(Debug, Clone, Copy)]
pub struct Field {
    pub name: &'static str,
    pub lon: f64,
    pub lat: f64,
    /// Standard deviation of the licences' distance from the centre, per axis.
    pub spread_km: f64,
    /// Share of the country's licences.
    pub weight: f64,
}

/// Everything the season needs of one country.
#[derive(Debug)]
pub struct CountryPlan {
    /// ISO alpha-3, the key into the embedded borders.
    pub iso3: &'static str,
    pub name: &'static str,
    /// Prefix of licence, certificate and id numbers.
    pub code: &'static str,
    /// About how many districts to cut the country into.
    pub districts: usize,
    /// Best known first: districts are named after the first town inside them.
    pub towns: &'static [Town],
    /// The town whose district hosts the exporters.
    pub capital: &'static str,
    pub fields: &'static [Field],
    /// Mining licences (permits, claims, cooperatives) at scale 1.
    pub mining_licences: usize,
    pub buyers: usize,
    pub exporters: usize,
    pub stones: StoneSizes,
    /// Mean stones found per digger per working day.
    pub stones_per_digger_day: f64,
    /// Price of a lot of average stones, US$ per carat.
    pub usd_per_carat: f64,
    /// Months (1-12) of the rainy season, when pits flood and few sites work.
    pub wet_months: &'static [u8],
    /// Share of miners registered with a national id.
    pub national_id_share: f64,
    pub phone_prefix: &'static str,
    pub male_names: &'static [&'static str],
    pub female_names: &'static [&'static str],
    pub surnames: &'static [&'static str],
    /// HS codes of exports, with weights.
    pub hs_codes: &'static [(HsCode, f64)],
    pub destinations: &'static [&'static str],
    /// The one exporter planted with exports far above its purchases and a footprint of
    /// another country's stones, if this country has it.
    pub planted_exporter: Option<&'static str>,
}

/// Ghana, then Sierra Leone.
pub static COUNTRIES: [CountryPlan; 2] = [GHANA, SIERRA_LEONE];

const GHANA: CountryPlan = CountryPlan {
    iso3: "GHA",
    name: "Ghana",
    code: "GH",
    districts: 26,
    towns: &[
        ("Accra", -0.19, 5.56),
        ("Kumasi", -1.62, 6.69),
        ("Akwatia", -0.80, 6.04),
        ("Tamale", -0.84, 9.40),
        ("Takoradi", -1.76, 4.93),
        ("Cape Coast", -1.25, 5.10),
        ("Koforidua", -0.26, 6.09),
        ("Tarkwa", -1.99, 5.30),
        ("Obuasi", -1.67, 6.20),
        ("Ho", 0.47, 6.60),
        ("Sunyani", -2.33, 7.34),
        ("Bolgatanga", -0.85, 10.79),
        ("Wa", -2.50, 10.06),
        ("Techiman", -1.94, 7.59),
        ("Yendi", -0.01, 9.44),
        ("Akim Oda", -0.98, 5.93),
        ("Kade", -0.83, 6.08),
        ("Nkawkaw", -0.77, 6.55),
        ("Winneba", -0.62, 5.35),
        ("Bawku", -0.24, 11.06),
        ("Kintampo", -1.73, 8.06),
        ("Salaga", -0.52, 8.55),
        ("Damongo", -1.82, 9.08),
        ("Bole", -2.49, 9.03),
        ("Keta", 0.99, 5.92),
        ("Hohoe", 0.47, 7.15),
        ("Dunkwa-on-Offin", -1.78, 5.96),
        ("Sefwi Wiawso", -2.49, 6.21),
        ("Goaso", -2.52, 6.80),
        ("Berekum", -2.58, 7.45),
        ("Wenchi", -2.10, 7.74),
        ("Navrongo", -1.09, 10.89),
        ("Tumu", -1.98, 10.88),
        ("Kete Krachi", -0.04, 7.80),
        ("Axim", -2.24, 4.87),
        ("Ejura", -1.37, 7.38),
        ("Mampong", -1.40, 7.06),
        ("Bibiani", -2.32, 6.46),
        ("Nkwanta", 0.52, 8.26),
        ("Bimbilla", 0.06, 8.86),
        ("Walewale", -0.80, 10.35),
        ("Gambaga", -0.44, 10.53),
        ("Lawra", -2.90, 10.65),
        ("Atebubu", -0.98, 7.75),
        ("Donkorkrom", -0.13, 7.05),
        ("Jasikan", 0.46, 7.40),
        ("Saltpond", -1.06, 5.21),
        ("Half Assini", -2.88, 5.05),
        ("Enchi", -2.82, 5.82),
        ("Sawla", -2.42, 9.28),
        ("Buipe", -1.47, 8.78),
        ("Chereponi", 0.28, 10.13),
        ("Zabzugu", 0.37, 9.28),
        ("Bunkpurugu", 0.13, 10.51),
        ("Kpandai", -0.01, 8.47),
        ("Yeji", -0.65, 8.22),
        ("Prang", -0.88, 8.02),
        ("Tatale", 0.52, 9.37),
    ],
    capital: "Accra",
    fields: &[
        Field {
            name: "Akwatia",
            lon: -0.80,
            lat: 6.04,
            spread_km: 9.0,
            weight: 0.55,
        },
        Field {
            name: "Birim",
            lon: -1.00,
            lat: 5.93,
            spread_km: 8.0,
            weight: 0.25,
        },
        Field {
            name: "Bonsa",
            lon: -2.00,
            lat: 5.38,
            spread_km: 8.0,
            weight: 0.20,
        },
    ],
    mining_licences: 170,
    buyers: 6,
    exporters: 3,
    stones: StoneSizes {
        median_ct: 0.09,
        sigma: 0.65,
    },
    stones_per_digger_day: 0.5,
    usd_per_carat: 38.0,
    wet_months: &[4, 5, 6, 7, 9, 10],
    national_id_share: 0.7,
    phone_prefix: "+233 24",
    male_names: &[
        "Kwame", "Kofi", "Kwabena", "Kwaku", "Yaw", "Kwasi", "Kojo", "Kweku", "Ebo", "Nana",
        "Fiifi", "Kobina", "Selorm", "Mawuli", "Ibrahim", "Abdul", "Issah", "Mohammed", "Emmanuel",
        "Samuel", "Isaac", "Daniel", "Prince", "Richmond",
    ],
    female_names: &[
        "Ama", "Akosua", "Abena", "Akua", "Yaa", "Afua", "Adwoa", "Efua", "Esi", "Ekua", "Adjoa",
        "Mawusi", "Selasi", "Fatima", "Aisha", "Comfort", "Gifty", "Mercy",
    ],
    surnames: &[
        "Mensah",
        "Owusu",
        "Boateng",
        "Asante",
        "Osei",
        "Agyeman",
        "Appiah",
        "Ofori",
        "Amoah",
        "Danso",
        "Sarpong",
        "Adjei",
        "Acheampong",
        "Frimpong",
        "Opoku",
        "Antwi",
        "Bonsu",
        "Darko",
        "Gyamfi",
        "Kyei",
        "Quaye",
        "Tetteh",
        "Addo",
        "Asare",
        "Amponsah",
        "Badu",
        "Donkor",
        "Fosu",
        "Kusi",
        "Oppong",
        "Wiredu",
        "Yeboah",
        "Ansah",
        "Ntim",
        "Afriyie",
        "Agyei",
        "Boakye",
        "Dapaah",
        "Kumi",
        "Nyarko",
    ],
    hs_codes: &[(HsCode::Unsorted, 0.6), (HsCode::Industrial, 0.4)],
    destinations: &["ARE", "BEL", "IND", "ISR"],
    planted_exporter: Some("Birim Valley Export Ltd"),
};

const SIERRA_LEONE: CountryPlan = CountryPlan {
    iso3: "SLE",
    name: "Sierra Leone",
    code: "SL",
    districts: 16,
    towns: &[
        ("Freetown", -13.23, 8.48),
        ("Koidu", -10.97, 8.64),
        ("Bo", -11.74, 7.96),
        ("Kenema", -11.19, 7.88),
        ("Makeni", -12.04, 8.88),
        ("Tongo Field", -11.07, 8.23),
        ("Kabala", -11.55, 9.59),
        ("Port Loko", -12.79, 8.77),
        ("Kailahun", -10.57, 8.28),
        ("Pujehun", -11.72, 7.35),
        ("Zimmi", -11.31, 7.31),
        ("Moyamba", -12.43, 8.16),
        ("Bonthe", -12.50, 7.53),
        ("Magburaka", -11.95, 8.72),
        ("Kambia", -12.92, 9.12),
        ("Lunsar", -12.53, 8.68),
        ("Waterloo", -13.07, 8.34),
        ("Mattru Jong", -12.18, 7.62),
        ("Segbwema", -10.95, 7.99),
        ("Yengema", -11.17, 8.62),
        ("Kamakwie", -12.24, 9.50),
        ("Falaba", -11.32, 9.85),
        ("Bumbuna", -11.74, 9.05),
        ("Daru", -10.85, 7.99),
        ("Blama", -11.35, 7.87),
        ("Rokupr", -12.98, 9.02),
        ("Sumbuya", -11.96, 7.65),
        ("Yele", -11.85, 8.42),
    ],
    capital: "Freetown",
    fields: &[
        Field {
            name: "Kono",
            lon: -10.97,
            lat: 8.64,
            spread_km: 12.0,
            weight: 0.40,
        },
        Field {
            name: "Tongo",
            lon: -11.07,
            lat: 8.23,
            spread_km: 8.0,
            weight: 0.25,
        },
        Field {
            name: "Sewa",
            lon: -11.45,
            lat: 7.92,
            spread_km: 10.0,
            weight: 0.20,
        },
        Field {
            name: "Zimmi",
            lon: -11.35,
            lat: 7.40,
            spread_km: 6.0,
            weight: 0.15,
        },
    ],
    mining_licences: 150,
    buyers: 8,
    exporters: 4,
    stones: StoneSizes {
        median_ct: 0.35,
        sigma: 1.0,
    },
    stones_per_digger_day: 0.09,
    usd_per_carat: 270.0,
    wet_months: &[5, 6, 7, 8, 9, 10],
    national_id_share: 0.5,
    phone_prefix: "+232 76",
    male_names: &[
        "Mohamed", "Ibrahim", "Abdul", "Alusine", "Sahr", "Tamba", "Komba", "Fode", "Foday",
        "Lansana", "Musa", "Sorie", "Amadu", "Brima", "Aiah", "Sheku", "Momoh", "Osman", "Alpha",
        "Santigie", "Joseph", "Francis",
    ],
    female_names: &[
        "Fatmata",
        "Aminata",
        "Isatu",
        "Mariama",
        "Hawa",
        "Kadiatu",
        "Finda",
        "Jeneba",
        "Zainab",
        "Adama",
        "Mamie",
        "Sia",
        "Kumba",
        "Christiana",
        "Memunatu",
        "Musu",
    ],
    surnames: &[
        "Kamara",
        "Sesay",
        "Koroma",
        "Conteh",
        "Bangura",
        "Kargbo",
        "Turay",
        "Mansaray",
        "Jalloh",
        "Kanu",
        "Fofanah",
        "Kallon",
        "Lahai",
        "Sandi",
        "Gbla",
        "Tucker",
        "Massaquoi",
        "Bockarie",
        "Samura",
        "Fomba",
        "Kabba",
        "Sankoh",
        "Dumbuya",
        "Kpaka",
        "Moiwo",
        "Lebbie",
        "Gborie",
        "Aruna",
        "Mattia",
        "Kamanda",
        "Yillah",
        "Tommy",
        "Kaikai",
        "Swaray",
        "Jusu",
        "Ngaujah",
    ],
    hs_codes: &[(HsCode::Gem, 0.7), (HsCode::Unsorted, 0.3)],
    destinations: &["BEL", "ARE", "ISR", "USA", "IND"],
    planted_exporter: None,
};

/// Words for dealers' and exporters' names.
pub const BUYER_KINDS: [&str; 4] = [
    "Diamond Buyers",
    "Gem Dealers",
    "Rough Traders",
    "Diamond House",
];
pub const EXPORTER_KINDS: [&str; 4] = [
    "Diamond Exports Ltd",
    "Rough Diamonds Ltd",
    "Gem Exporters Ltd",
    "Mineral Trading Ltd",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ghana_stones_are_smaller_than_sierra_leone_stones() {
        let [gh, sl] = [&COUNTRIES[0], &COUNTRIES[1]];
        assert!(gh.stones.mean_ct() < sl.stones.mean_ct() / 3.0);
        // The drawn stones, not only the formula.
        let mean = |s: StoneSizes, label| {
            let mut r = Rng::new(7, label);
            let n = 20_000;
            (0..n)
                .map(|_| s.draw(&mut r).hundredths() as f64 / 100.0)
                .sum::<f64>()
                / n as f64
        };
        let (gh_mean, sl_mean) = (mean(gh.stones, "gh"), mean(sl.stones, "sl"));
        assert!(
            (gh_mean - gh.stones.mean_ct()).abs() < 0.1 * gh.stones.mean_ct(),
            "{gh_mean}"
        );
        assert!(
            (sl_mean - sl.stones.mean_ct()).abs() < 0.1 * sl.stones.mean_ct(),
            "{sl_mean}"
        );
        assert!(gh_mean < 0.15 && sl_mean > 0.4, "{gh_mean} {sl_mean}");
    }
}
