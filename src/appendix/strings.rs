//! The appendix's own fixed text in each language it can be written in.
//! Vocabulary labels come from catalogue.toml; these are the headings and
//! captions around them.

use serde::Serialize;

use super::Lang;

/// Every fixed string of the appendix in one language.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Strings {
    pub appendix: &'static str,
    pub contents: &'static str,
    pub summary: &'static str,
    pub per_country: &'static str,
    pub per_service_area: &'static str,
    pub per_cooperation: &'static str,
    pub per_status: &'static str,
    pub country: &'static str,
    pub category: &'static str,
    pub service_area: &'static str,
    pub cooperation: &'static str,
    pub status: &'static str,
    pub cases: &'static str,
    pub total: &'static str,
    pub edition: &'static str,
    pub date: &'static str,
    pub countries: &'static str,
    pub selection: &'static str,
    pub municipalities: &'static str,
    pub bodies: &'static str,
    pub period: &'static str,
    pub categories: &'static str,
    pub service_areas: &'static str,
    pub organisations: &'static str,
    pub evaluation: &'static str,
    pub reviewed: &'static str,
    pub sources: &'static str,
    pub page: &'static str,
    /// Under the country × category table.
    pub multi_category_note: &'static str,
    /// At the start of the cases: how they are ordered.
    pub order_note: &'static str,
    /// Month names for a date ("25 November 2026"), in the form a day
    /// takes.
    pub months_of_day: [&'static str; 12],
    /// Month names on their own ("November 2026").
    pub months: [&'static str; 12],
    /// Whether the day is written with a full stop ("25. november").
    pub day_dot: bool,
}

impl Strings {
    /// "25 November 2026" in this language.
    pub fn date(&self, date: jiff::civil::Date) -> String {
        let month = self.months_of_day[usize::try_from(date.month() - 1).unwrap_or(0)];
        let dot = if self.day_dot { "." } else { "" };
        format!("{}{dot} {month} {}", date.day(), date.year())
    }

    /// "November 2026" in this language.
    pub fn month(&self, date: jiff::civil::Date) -> String {
        let month = self.months[usize::try_from(date.month() - 1).unwrap_or(0)];
        format!("{month} {}", date.year())
    }
}

const EN_MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const SV_MONTHS: [&str; 12] = [
    "januari",
    "februari",
    "mars",
    "april",
    "maj",
    "juni",
    "juli",
    "augusti",
    "september",
    "oktober",
    "november",
    "december",
];
const NO_MONTHS: [&str; 12] = [
    "januar",
    "februar",
    "mars",
    "april",
    "mai",
    "juni",
    "juli",
    "august",
    "september",
    "oktober",
    "november",
    "desember",
];
const DA_MONTHS: [&str; 12] = [
    "januar",
    "februar",
    "marts",
    "april",
    "maj",
    "juni",
    "juli",
    "august",
    "september",
    "oktober",
    "november",
    "december",
];
const FI_MONTHS: [&str; 12] = [
    "tammikuu",
    "helmikuu",
    "maaliskuu",
    "huhtikuu",
    "toukokuu",
    "kesäkuu",
    "heinäkuu",
    "elokuu",
    "syyskuu",
    "lokakuu",
    "marraskuu",
    "joulukuu",
];
const FI_MONTHS_OF_DAY: [&str; 12] = [
    "tammikuuta",
    "helmikuuta",
    "maaliskuuta",
    "huhtikuuta",
    "toukokuuta",
    "kesäkuuta",
    "heinäkuuta",
    "elokuuta",
    "syyskuuta",
    "lokakuuta",
    "marraskuuta",
    "joulukuuta",
];
const IS_MONTHS: [&str; 12] = [
    "janúar",
    "febrúar",
    "mars",
    "apríl",
    "maí",
    "júní",
    "júlí",
    "ágúst",
    "september",
    "október",
    "nóvember",
    "desember",
];

const EN: Strings = Strings {
    appendix: "Report appendix",
    contents: "Contents",
    summary: "Summary",
    per_country: "Cases per country and digitalisation category",
    per_service_area: "Cases per service area",
    per_cooperation: "Cases per form of co-operation",
    per_status: "Cases per status",
    country: "Country",
    category: "Digitalisation category",
    service_area: "Service area",
    cooperation: "Form of co-operation",
    status: "Status",
    cases: "Cases",
    total: "Total",
    edition: "Edition",
    date: "Date",
    countries: "Countries",
    selection: "Selection",
    municipalities: "Municipalities",
    bodies: "Co-operation bodies",
    period: "Period",
    categories: "Digitalisation",
    service_areas: "Service areas",
    organisations: "Organisations",
    evaluation: "Evaluation",
    reviewed: "Last reviewed",
    sources: "Sources",
    page: "Page",
    multi_category_note: "A case with several digitalisation categories is counted under each of them; the total counts every case once.",
    order_note: "The cases are grouped by country and, within a country, by digitalisation category. A case with several categories appears once, under the first of them in the order of this table.",
    months_of_day: EN_MONTHS,
    months: EN_MONTHS,
    day_dot: false,
};

const SV: Strings = Strings {
    appendix: "Rapportbilaga",
    contents: "Innehåll",
    summary: "Sammanfattning",
    per_country: "Exempel per land och digitaliseringskategori",
    per_service_area: "Exempel per verksamhetsområde",
    per_cooperation: "Exempel per samverkansform",
    per_status: "Exempel per status",
    country: "Land",
    category: "Digitaliseringskategori",
    service_area: "Verksamhetsområde",
    cooperation: "Samverkansform",
    status: "Status",
    cases: "Exempel",
    total: "Totalt",
    edition: "Utgåva",
    date: "Datum",
    countries: "Länder",
    selection: "Urval",
    municipalities: "Kommuner",
    bodies: "Samverkansorgan",
    period: "Period",
    categories: "Digitalisering",
    service_areas: "Verksamhetsområden",
    organisations: "Organisationer",
    evaluation: "Utvärdering",
    reviewed: "Senast granskad",
    sources: "Källor",
    page: "Sida",
    multi_category_note: "Ett exempel med flera digitaliseringskategorier räknas under var och en av dem; totalen räknar varje exempel en gång.",
    order_note: "Exemplen är ordnade efter land och inom varje land efter digitaliseringskategori. Ett exempel med flera kategorier visas en gång, under den första av dem i tabellens ordning.",
    months_of_day: SV_MONTHS,
    months: SV_MONTHS,
    day_dot: false,
};

const NB: Strings = Strings {
    appendix: "Rapportvedlegg",
    contents: "Innhold",
    summary: "Sammendrag",
    per_country: "Eksempler per land og digitaliseringskategori",
    per_service_area: "Eksempler per tjenesteområde",
    per_cooperation: "Eksempler per samarbeidsform",
    per_status: "Eksempler per status",
    country: "Land",
    category: "Digitaliseringskategori",
    service_area: "Tjenesteområde",
    cooperation: "Samarbeidsform",
    status: "Status",
    cases: "Eksempler",
    total: "Totalt",
    edition: "Utgave",
    date: "Dato",
    countries: "Land",
    selection: "Utvalg",
    municipalities: "Kommuner",
    bodies: "Samarbeidsorganer",
    period: "Periode",
    categories: "Digitalisering",
    service_areas: "Tjenesteområder",
    organisations: "Organisasjoner",
    evaluation: "Evaluering",
    reviewed: "Sist gjennomgått",
    sources: "Kilder",
    page: "Side",
    multi_category_note: "Et eksempel med flere digitaliseringskategorier telles under hver av dem; totalen teller hvert eksempel én gang.",
    order_note: "Eksemplene er ordnet etter land og innenfor hvert land etter digitaliseringskategori. Et eksempel med flere kategorier vises én gang, under den første av dem i tabellens rekkefølge.",
    months_of_day: NO_MONTHS,
    months: NO_MONTHS,
    day_dot: true,
};

const NN: Strings = Strings {
    appendix: "Rapportvedlegg",
    contents: "Innhald",
    summary: "Samandrag",
    per_country: "Døme per land og digitaliseringskategori",
    per_service_area: "Døme per tenesteområde",
    per_cooperation: "Døme per samarbeidsform",
    per_status: "Døme per status",
    country: "Land",
    category: "Digitaliseringskategori",
    service_area: "Tenesteområde",
    cooperation: "Samarbeidsform",
    status: "Status",
    cases: "Døme",
    total: "Totalt",
    edition: "Utgåve",
    date: "Dato",
    countries: "Land",
    selection: "Utval",
    municipalities: "Kommunar",
    bodies: "Samarbeidsorgan",
    period: "Periode",
    categories: "Digitalisering",
    service_areas: "Tenesteområde",
    organisations: "Organisasjonar",
    evaluation: "Evaluering",
    reviewed: "Sist gjennomgått",
    sources: "Kjelder",
    page: "Side",
    multi_category_note: "Eit døme med fleire digitaliseringskategoriar blir talt under kvar av dei; totalen tel kvart døme éin gong.",
    order_note: "Døma er ordna etter land og innanfor kvart land etter digitaliseringskategori. Eit døme med fleire kategoriar står éin gong, under den første av dei i rekkjefølgja i tabellen.",
    months_of_day: NO_MONTHS,
    months: NO_MONTHS,
    day_dot: true,
};

const DA: Strings = Strings {
    appendix: "Rapportbilag",
    contents: "Indhold",
    summary: "Sammenfatning",
    per_country: "Eksempler pr. land og digitaliseringskategori",
    per_service_area: "Eksempler pr. fagområde",
    per_cooperation: "Eksempler pr. samarbejdsform",
    per_status: "Eksempler pr. status",
    country: "Land",
    category: "Digitaliseringskategori",
    service_area: "Fagområde",
    cooperation: "Samarbejdsform",
    status: "Status",
    cases: "Eksempler",
    total: "I alt",
    edition: "Udgave",
    date: "Dato",
    countries: "Lande",
    selection: "Udvalg",
    municipalities: "Kommuner",
    bodies: "Samarbejdsorganer",
    period: "Periode",
    categories: "Digitalisering",
    service_areas: "Fagområder",
    organisations: "Organisationer",
    evaluation: "Evaluering",
    reviewed: "Senest gennemgået",
    sources: "Kilder",
    page: "Side",
    multi_category_note: "Et eksempel med flere digitaliseringskategorier tælles under hver af dem; totalen tæller hvert eksempel én gang.",
    order_note: "Eksemplerne er ordnet efter land og inden for hvert land efter digitaliseringskategori. Et eksempel med flere kategorier vises én gang, under den første af dem i tabellens rækkefølge.",
    months_of_day: DA_MONTHS,
    months: DA_MONTHS,
    day_dot: true,
};

const FI: Strings = Strings {
    appendix: "Raportin liite",
    contents: "Sisällys",
    summary: "Yhteenveto",
    per_country: "Esimerkit maittain ja digitalisaatioluokittain",
    per_service_area: "Esimerkit palvelualueittain",
    per_cooperation: "Esimerkit yhteistyömuodoittain",
    per_status: "Esimerkit tilan mukaan",
    country: "Maa",
    category: "Digitalisaatioluokka",
    service_area: "Palvelualue",
    cooperation: "Yhteistyömuoto",
    status: "Tila",
    cases: "Esimerkit",
    total: "Yhteensä",
    edition: "Painos",
    date: "Päivämäärä",
    countries: "Maat",
    selection: "Rajaus",
    municipalities: "Kunnat",
    bodies: "Yhteistyöelimet",
    period: "Ajanjakso",
    categories: "Digitalisaatio",
    service_areas: "Palvelualueet",
    organisations: "Organisaatiot",
    evaluation: "Arviointi",
    reviewed: "Viimeksi tarkistettu",
    sources: "Lähteet",
    page: "Sivu",
    multi_category_note: "Esimerkki, jolla on useita digitalisaatioluokkia, lasketaan jokaisen luokan kohdalla; yhteensä-luku laskee jokaisen esimerkin kerran.",
    order_note: "Esimerkit on ryhmitelty maittain ja kunkin maan sisällä digitalisaatioluokittain. Esimerkki, jolla on useita luokkia, esitetään kerran, ensimmäisen luokkansa alla taulukon järjestyksessä.",
    months_of_day: FI_MONTHS_OF_DAY,
    months: FI_MONTHS,
    day_dot: true,
};

const IS: Strings = Strings {
    appendix: "Viðauki við skýrslu",
    contents: "Efnisyfirlit",
    summary: "Samantekt",
    per_country: "Dæmi eftir löndum og flokkum stafvæðingar",
    per_service_area: "Dæmi eftir þjónustusviðum",
    per_cooperation: "Dæmi eftir samstarfsformi",
    per_status: "Dæmi eftir stöðu",
    country: "Land",
    category: "Flokkur stafvæðingar",
    service_area: "Þjónustusvið",
    cooperation: "Samstarfsform",
    status: "Staða",
    cases: "Dæmi",
    total: "Samtals",
    edition: "Útgáfa",
    date: "Dagsetning",
    countries: "Lönd",
    selection: "Úrval",
    municipalities: "Sveitarfélög",
    bodies: "Samstarfsstofnanir",
    period: "Tímabil",
    categories: "Stafvæðing",
    service_areas: "Þjónustusvið",
    organisations: "Stofnanir",
    evaluation: "Mat",
    reviewed: "Síðast yfirfarið",
    sources: "Heimildir",
    page: "Síða",
    multi_category_note: "Dæmi sem fellur undir fleiri en einn flokk stafvæðingar er talið í hverjum þeirra; samtalan telur hvert dæmi einu sinni.",
    order_note: "Dæmunum er raðað eftir löndum og innan hvers lands eftir flokkum stafvæðingar. Dæmi í fleiri en einum flokki birtist einu sinni, undir fyrsta flokki sínum í röð töflunnar.",
    months_of_day: IS_MONTHS,
    months: IS_MONTHS,
    day_dot: true,
};

/// The fixed strings of `lang`.
pub fn of(lang: Lang) -> &'static Strings {
    match lang {
        Lang::En => &EN,
        Lang::Sv => &SV,
        Lang::Nb => &NB,
        Lang::Nn => &NN,
        Lang::Da => &DA,
        Lang::Fi => &FI,
        Lang::Is => &IS,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_in_every_language() {
        let date = jiff::civil::date(2026, 11, 25);
        assert_eq!(of(Lang::En).date(date), "25 November 2026");
        assert_eq!(of(Lang::Sv).date(date), "25 november 2026");
        assert_eq!(of(Lang::Nb).date(date), "25. november 2026");
        assert_eq!(of(Lang::Fi).date(date), "25. marraskuuta 2026");
        assert_eq!(of(Lang::Fi).month(date), "marraskuu 2026");
        assert_eq!(of(Lang::Is).month(date), "nóvember 2026");
    }
}
