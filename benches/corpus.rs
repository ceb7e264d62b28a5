//! A synthetic law corpus at world scale, for benchmarks: N countries, each with the rule
//! catalogue's facts (read from whatever `rules/` holds) filled from a seeded generator, spread
//! over a handful of acts, and a `country.ron` with random treaty participation. The same rules,
//! N and seed give byte-identical files. Written once under `target/bench-corpus/N` and reused.

use gapcheck::check::RuleBook;
use gapcheck::model::{
    article, Act, Confidence, Country, FactType, Figure, InForce, Instrument, InstrumentKind, Participation,
    Provision, Reservation, Reservations, Source, TreatyAction, Value,
};
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// The seed every benchmark uses.
pub const SEED: u64 = 0x9e37_79b9_7f4a_7c15;

/// splitmix64: tiny, seeded, and good enough to spread values.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// 0..n (n > 0).
    pub fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }

    /// True with probability `percent`/100.
    pub fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }

    pub fn date(&mut self, from_year: u64, to_year: u64) -> String {
        let year = from_year + self.below(to_year - from_year + 1);
        format!("{year}-{:02}-{:02}", 1 + self.below(12), 1 + self.below(28))
    }
}

/// The country folders of a corpus of `n` countries, generated if missing or stale.
pub fn ensure(rules_dir: &Path, book: &RuleBook, n: usize) -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("target/bench-corpus")
        .join(n.to_string());
    let stamp = stamp(rules_dir, n);
    let stamp_path = root.join("STAMP");
    let dirs: Vec<PathBuf> = (0..n).map(|i| root.join(code(i))).collect();
    if std::fs::read_to_string(&stamp_path).ok().as_deref() != Some(stamp.as_str()) {
        let _ = std::fs::remove_dir_all(&root);
        for (i, dir) in dirs.iter().enumerate() {
            write_country(dir, book, i, SEED);
        }
        std::fs::write(&stamp_path, &stamp).expect("write the corpus stamp");
    }
    dirs
}

/// Changes when the rules, the generator's seed or N change, so a stale corpus is rebuilt.
fn stamp(rules_dir: &Path, n: usize) -> String {
    let mut files = Vec::new();
    collect(rules_dir, &mut files);
    files.sort();
    // FNV-1a over the rule files' paths and bytes.
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for path in files {
        let bytes = std::fs::read(&path).unwrap_or_default();
        for b in path.to_string_lossy().as_bytes().iter().chain(&bytes) {
            hash = (hash ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3);
        }
    }
    format!("n={n} seed={SEED:x} rules={hash:x} generator=1\n")
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            collect(&p, out);
        } else if p.extension().is_some_and(|x| x == "ron") {
            out.push(p);
        }
    }
}

/// Two lower-case letters, unique for the first 676 countries; past that, `aa1`, `aa2`...
pub fn code(i: usize) -> String {
    let letters = |k: usize| {
        format!(
            "{}{}",
            (b'a' + (k / 26 % 26) as u8) as char,
            (b'a' + (k % 26) as u8) as char
        )
    };
    if i < 676 {
        letters(i)
    } else {
        format!("{}{}", letters(i % 676), i / 676)
    }
}

/// Writes one country folder: `country.ron` and a handful of acts.
pub fn write_country(dir: &Path, book: &RuleBook, index: usize, seed: u64) {
    let mut rng = Rng::new(seed ^ (index as u64).wrapping_mul(0xa076_1d64_78bd_642f));
    std::fs::create_dir_all(dir).expect("create a corpus folder");
    let cc = code(index);
    let country = country(&mut rng, book, &cc);
    write_ron(&dir.join("country.ron"), &country);
    for (stem, act) in acts(&mut rng, book, &cc) {
        write_ron(&dir.join(format!("{stem}.ron")), &act);
    }
}

fn write_ron<T: serde::Serialize>(path: &Path, value: &T) {
    let config = ron::ser::PrettyConfig::new().indentor("    ".to_string());
    let mut text =
        String::from("// Synthetic, generated for benchmarks (benches/corpus.rs): not real law.\n");
    text.push_str(&ron::ser::to_string_pretty(value, config).expect("serialise RON"));
    text.push('\n');
    std::fs::write(path, text).expect("write a corpus file");
}

fn source(rng: &mut Rng, cc: &str, what: &str) -> Source {
    Source {
        url: format!("https://legislation.example/{cc}/{what}"),
        retrieved: date(&rng.date(2023, 2026)),
        confidence: *rng.pick(&[
            Confidence::Primary,
            Confidence::Primary,
            Confidence::Secondary,
            Confidence::Unverified,
        ]),
    }
}

fn date(s: &str) -> gapcheck::model::Date {
    s.parse().expect("a generated date is valid")
}

fn country(rng: &mut Rng, book: &RuleBook, cc: &str) -> Country {
    let mut treaties = Vec::new();
    for i in book
        .instruments
        .iter()
        .filter(|i| i.kind == InstrumentKind::Treaty)
    {
        if rng.chance(65) {
            treaties.push(participation(rng, book, i, cc));
        }
    }
    let figures = (0..1 + rng.below(3))
        .map(|k| Figure {
            label: format!("Refugees and asylum-seekers (group {k})"),
            value: rng.below(500_000),
            as_of: date(&rng.date(2018, 2024)),
            source: source(rng, cc, "figures"),
            note: rng
                .chance(30)
                .then(|| "Estimate; the source gives a range.".to_string()),
        })
        .collect();
    Country {
        code: cc.to_string(),
        name: format!("Synthetic State {}", cc.to_uppercase()),
        treaties,
        figures,
        open_questions: Vec::new(),
    }
}

fn participation(rng: &mut Rng, book: &RuleBook, instrument: &Instrument, cc: &str) -> Participation {
    let deposited = rng.date(1955, 2022);
    let in_force = rng.chance(50).then(|| date(&rng.date(2023, 2024)));
    // Reservations only where the treaty admits them, to articles the rules name.
    let mut reservations = Vec::new();
    if rng.chance(30) {
        let candidates: Vec<&str> = book
            .rules
            .iter()
            .filter(|r| r.instrument == instrument.id)
            .map(|r| r.article.as_str())
            .filter(|a| match &instrument.reservations {
                Reservations::NotApplicable => false,
                Reservations::AllExcept(barred) => !barred.iter().any(|b| article::covers(b, a)),
                Reservations::Only(allowed) => allowed.iter().any(|x| article::covers(x, a)),
            })
            .collect();
        if !candidates.is_empty() {
            let article = rng.pick(&candidates).to_string();
            reservations.push(Reservation {
                summary: format!("Applies Art. {article} only as far as national law allows."),
                article,
                withdrawn: rng.chance(20).then(|| date(&rng.date(2015, 2024))),
            });
        }
    }
    Participation {
        instrument: instrument.id.clone(),
        action: *rng.pick(&[
            TreatyAction::Accession,
            TreatyAction::Ratification,
            TreatyAction::Succession,
        ]),
        date: rng.chance(95).then(|| date(&deposited)),
        in_force,
        denounced: None,
        reservations,
        source: source(rng, cc, &format!("treaty-{}", instrument.id)),
    }
}

const ACTS: [(&str, &str); 6] = [
    ("constitution", "Constitution"),
    ("refugees", "Law on Refugees"),
    ("citizenship", "Law on Citizenship"),
    ("migration", "Law on Migration"),
    ("civil-status", "Law on Civil Status Acts"),
    ("identity-documents", "Law on Identity Documents"),
];

/// The acts, keyed by file stem: every fact of the catalogue is asserted with probability 0.8,
/// by provisions of an act chosen by the fact's theme; some facts have an older provision that
/// is no longer in force, a few are asserted twice with different values (disputed).
fn acts(rng: &mut Rng, book: &RuleBook, cc: &str) -> BTreeMap<String, Act> {
    let mut provisions: Vec<Vec<Provision>> = vec![Vec::new(); ACTS.len()];
    let mut open = Vec::new();
    for (key, def) in &book.facts {
        let theme = key.split('.').next().unwrap_or(key);
        let act = theme
            .bytes()
            .fold(0usize, |h, b| h.wrapping_mul(31).wrapping_add(b as usize))
            % ACTS.len();
        if !rng.chance(80) {
            if rng.chance(30) {
                open.push((act, key.clone()));
            }
            continue;
        }
        let asserted = value(rng, &def.kind);
        let list = &mut provisions[act];
        // Group up to three facts of one act in a provision, as an article often settles several.
        let group = list
            .last_mut()
            .filter(|p| p.facts.len() < 3 && p.in_force.until.is_none() && rng.chance(50));
        match group {
            Some(p) => {
                p.facts.insert(key.clone(), asserted);
            }
            None => {
                if rng.chance(15) {
                    // A superseded text: in force once, with another value.
                    let before = value(rng, &def.kind);
                    let mut old = provision(rng, cc, ACTS[act].0, list.len(), key, before, def);
                    old.in_force.until = Some(date(&rng.date(2005, 2012)));
                    old.in_force.from = date("1995-01-01");
                    list.push(old);
                }
                if rng.chance(3) {
                    let other = value(rng, &def.kind);
                    let p = provision(rng, cc, ACTS[act].0, list.len(), key, other, def);
                    list.push(p);
                }
                let p = provision(rng, cc, ACTS[act].0, list.len(), key, asserted, def);
                list.push(p);
            }
        }
        // Definitions and procedure: provisions that settle no fact.
        if rng.chance(25) {
            let n = list.len();
            let mut p = provision(rng, cc, ACTS[act].0, n, key, Value::Bool(true), def);
            p.facts.clear();
            p.summary = format!(
                "Defines the terms used in this chapter and the authority that applies it. {}",
                p.summary
            );
            list.push(p);
        }
    }
    // Cross-references: to an earlier provision of the same act, or to another act.
    let ids: Vec<Vec<String>> = provisions
        .iter()
        .map(|ps| ps.iter().map(|p| p.id.clone()).collect())
        .collect();
    for (a, list) in provisions.iter_mut().enumerate() {
        for (k, p) in list.iter_mut().enumerate() {
            if k > 0 && rng.chance(20) {
                p.refers_to.push(ids[a][rng.below(k as u64) as usize].clone());
            }
            if rng.chance(10) {
                let other = rng.below(ACTS.len() as u64) as usize;
                if other != a && !ids[other].is_empty() {
                    p.refers_to
                        .push(format!("{}/{}", ACTS[other].0, rng.pick(&ids[other])));
                }
            }
        }
    }
    let mut acts = BTreeMap::new();
    for (a, list) in provisions.into_iter().enumerate() {
        if list.is_empty() {
            continue;
        }
        let (stem, title) = ACTS[a];
        let year = 1992 + rng.below(30);
        let open_questions = open
            .iter()
            .filter(|(act, _)| *act == a)
            .map(|(_, key)| gapcheck::model::OpenQuestion {
                facts: vec![key.clone()],
                note: "The consolidated text was not found; secondary sources disagree.".into(),
                would_settle: "Reading the official consolidated text.".into(),
            })
            .collect();
        acts.insert(
            stem.to_string(),
            Act {
                title: format!(
                    "{title} No. {}-{} of {year} ({})",
                    100 + rng.below(900),
                    cc.to_uppercase(),
                    cc
                ),
                short: format!("{title} ({year})"),
                provisions: list,
                open_questions,
            },
        );
    }
    acts
}

fn provision(
    rng: &mut Rng,
    cc: &str,
    stem: &str,
    n: usize,
    key: &str,
    value: Value,
    def: &gapcheck::model::FactDef,
) -> Provision {
    let art = n + 1;
    let para = 1 + rng.below(4);
    let mut summary = String::new();
    let _ = write!(summary, "{} ", def.meaning);
    if rng.chance(50) {
        summary.push_str("The provision applies equally to applicants, their family members and dependants; the competent authority decides within the time the law sets.");
    }
    Provision {
        id: format!("art-{art}-{para}"),
        cites: format!("{} ({cc}), Art. {art}({para})", stem.replace('-', " ")),
        in_force: InForce {
            from: date(&rng.date(1995, 2020)),
            until: None,
            note: rng
                .chance(10)
                .then(|| "Date of the first source that shows the rule in force.".to_string()),
        },
        summary,
        source: source(rng, cc, &format!("{stem}/art-{art}")),
        see_also: if rng.chance(15) {
            vec![source(rng, cc, "commentary")]
        } else {
            Vec::new()
        },
        facts: BTreeMap::from([(key.to_string(), value)]),
        refers_to: Vec::new(),
    }
}

/// A value of the declared type.
pub fn value(rng: &mut Rng, kind: &FactType) -> Value {
    match kind {
        FactType::Bool => Value::Bool(rng.chance(60)),
        FactType::Integer(_) => Value::Integer(rng.below(16) as i64),
        FactType::Enum(values) => Value::Text(rng.pick(values).clone()),
        FactType::Set(values) => Value::List(values.iter().filter(|_| rng.chance(70)).cloned().collect()),
        FactType::Date => Value::Text(rng.date(1990, 2024)),
    }
}
