//! The one message catalogue: every fixed text of the reports, in English and Russian.
//! Templates read labels as `t.<key>`; messages with `{placeholders}` are filled in by the view.
//! Rule texts and law summaries are data and stay in the language they are written in.

use std::collections::BTreeMap;

/// The language of a report's fixed text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    En,
    Ru,
}

impl Lang {
    /// The BCP 47 tag, for `<html lang>`.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Ru => "ru",
        }
    }
}

/// (key, English, Russian). One row per message, so no language can miss a key.
pub const MESSAGES: &[(&str, &str, &str)] = &[
    // Title and introduction.
    (
        "title",
        "{country}: refugee and statelessness law against international standards",
        "{country}: законодательство о беженцах и лицах без гражданства в свете международных стандартов",
    ),
    (
        "intro",
        "Law in force on {date}, assessed by gapcheck against {total} obligations of the 1951 Convention, the 1967 Protocol, the 1954 and 1961 Conventions and the soft law UNHCR applies.",
        "Законодательство, действующее на {date}, проверено gapcheck на соответствие обязательствам (всего {total}) по Конвенции 1951 года, Протоколу 1967 года, конвенциям 1954 и 1961 годов и нормам мягкого права, которые применяет УВКБ ООН.",
    ),
    (
        "unknown_note",
        "Every finding cites the national provision behind it; “unknown” means our sources do not say, never “no”.",
        "Каждый вывод опирается на конкретную норму национального права; «неизвестно» означает, что изученные источники об этом умалчивают, а не «нет».",
    ),
    (
        "rule_text_note",
        "Rule texts (titles, obligations, recommendations) and summaries of national law are in English until translated.",
        "Тексты правил (названия, обязательства, рекомендации) и краткое изложение норм национального права приводятся на английском языке до их перевода.",
    ),
    ("contents", "Contents", "Содержание"),
    // Treaty status.
    ("treaty_status", "Treaty status", "Участие в международных договорах"),
    ("col_instrument", "Instrument", "Документ"),
    ("col_party_on", "Party on {date}", "Участие на {date}"),
    ("col_joined", "Joined", "Форма и дата участия"),
    ("col_reservations", "Reservations", "Оговорки"),
    ("yes", "yes", "да"),
    ("no", "no", "нет"),
    ("none", "none", "нет"),
    ("not_joined", "not joined", "не участвует"),
    ("joined_in_force", "{action} {date} (in force {in_force})", "{action} {date} (в силе с {in_force})"),
    ("action_accession", "accession", "присоединение"),
    ("action_ratification", "ratification", "ратификация"),
    ("action_succession", "succession", "правопреемство"),
    ("article", "Art. {article}", "Ст. {article}"),
    // Summary.
    ("summary", "Summary", "Общая оценка"),
    (
        "summary_sentence",
        "{total} obligations assessed: {met} met, {partial} partly met, {gap} with a gap, and {unknown} that cannot be assessed yet for want of facts.",
        "Всего оценено обязательств: {total}. Выполнено: {met}; выполнено частично: {partial}; пробелы: {gap}; оценить пока нельзя из-за недостатка сведений: {unknown}.",
    ),
    ("chart_title", "Status by instrument", "Статус по документам"),
    ("col_obligation", "Obligation", "Обязательство"),
    ("col_met", "Met", "Выполнено"),
    ("col_partial", "Partial", "Частично"),
    ("col_gap", "Gap", "Пробелы"),
    ("col_unknown", "Unknown", "Неизвестно"),
    ("col_total", "Total", "Всего"),
    ("all", "All", "Итого"),
    ("status_met", "Met", "Выполнено"),
    ("status_partial", "Partial", "Частично"),
    ("status_gap", "Gap", "Пробел"),
    ("status_unknown", "Unknown", "Неизвестно"),
    ("obligation_binding", "binding", "обязательная норма"),
    ("obligation_reserved", "reserved", "действует оговорка"),
    ("obligation_not_party", "not party (benchmark)", "государство не участвует (ориентир)"),
    ("obligation_guidance", "guidance (soft law)", "мягкое право"),
    ("severity", "severity {severity}", "значимость: {severity}"),
    ("severity_critical", "critical", "критическая"),
    ("severity_high", "high", "высокая"),
    ("severity_medium", "medium", "средняя"),
    ("severity_low", "low", "низкая"),
    // Top amendments and the dependency graph.
    ("top_amendments", "Top amendments", "Первоочередные поправки"),
    (
        "top_intro",
        "Root causes are gaps whose prerequisites are not themselves gaps; leverage counts the unmet findings downstream that depend on each.",
        "Первопричины — это пробелы, предпосылки которых сами пробелами не являются; показатель влияния — число невыполненных обязательств, зависящих от устранения первопричины.",
    ),
    ("leverage", "leverage {leverage}", "влияние: {leverage}"),
    ("provisions_to_amend", "Provisions to amend", "Нормы, требующие изменения"),
    ("no_root_cause", "No gap found whose prerequisites hold.", "Пробелов, предпосылки которых соблюдены, не выявлено."),
    ("graph_title", "What each amendment unblocks", "Что открывает каждая поправка"),
    (
        "graph_caption",
        "Each root cause (left) and the unmet findings that depend on it (right); colour shows the status.",
        "Каждая первопричина (слева) и зависящие от неё невыполненные обязательства (справа); цвет обозначает статус.",
    ),
    // Timeline.
    ("timeline", "Timeline", "Хронология"),
    (
        "timeline_intro",
        "Treaty acts, and national provisions the rules read entering into or leaving force, up to {date}.",
        "Участие в договорах, а также вступление в силу и прекращение действия норм, на которые опираются правила, по состоянию на {date}.",
    ),
    ("col_date", "Date", "Дата"),
    ("col_event", "Event", "Событие"),
    ("event_treaty_joined", "{label}: instrument deposited", "{label}: сдан документ об участии"),
    ("event_treaty_in_force", "{label}: in force for the State", "{label}: вступление в силу для государства"),
    ("event_provision_in_force", "In force: {label}", "Вступление в силу: {label}"),
    ("event_provision_ended", "Last day in force: {label}", "Последний день действия: {label}"),
    ("legend_treaty", "Treaty act", "Договор"),
    ("legend_law", "National provision", "Национальная норма"),
    // Findings.
    ("findings", "Findings, article by article", "Выводы по статьям"),
    ("evidence", "Provisions relied on", "Нормы, на которых основан вывод"),
    ("retrieved", "retrieved {date}", "дата обращения {date}"),
    ("not_known", "Not known", "Нет сведений"),
    ("disputed", "Sources disagree", "Источники расходятся"),
    ("blocked_by", "Blocked by", "Зависит от невыполненных требований"),
    ("recommendation", "Recommendation", "Рекомендация"),
    ("confidence_primary", "primary", "первоисточник"),
    ("confidence_secondary", "secondary", "вторичный источник"),
    ("confidence_unverified", "unverified", "не подтверждено"),
    // Research, figures, sources.
    ("research", "Research needed", "Требуется дополнительное изучение"),
    (
        "research_intro",
        "Facts no source read settles, ranked by how many “unknown” findings each would decide.",
        "Обстоятельства, не установленные ни одним изученным источником, в порядке того, сколько выводов со статусом «неизвестно» позволит сделать каждое из них.",
    ),
    (
        "progress",
        "The rules ask {asked} facts; {answered} are answered by a provision in force ({primary} from the law itself, {secondary} from accounts of it, {unverified} unverified; sources disagree on {disputed}).",
        "Правила запрашивают {asked} обстоятельств; {answered} из них установлены действующими нормами ({primary} — по тексту закона, {secondary} — по его описаниям, {unverified} — не подтверждены; источники расходятся по {disputed}).",
    ),
    ("waivers", "Waivers", "Исключения"),
    (
        "waived_note",
        "Waived: a reviewer accepted this finding for now (see Waivers).",
        "Исключение: проверяющий временно принял этот вывод (см. раздел «Исключения»).",
    ),
    ("col_rule", "Rule", "Правило"),
    ("col_state", "State", "Состояние"),
    ("col_reason", "Reason", "Основание"),
    ("col_authority", "Authority", "Источник полномочий"),
    ("col_accepted_by", "Accepted by", "Кем принято"),
    ("col_expires", "Expires", "Действует до"),
    ("waiver_active", "active", "действует"),
    ("waiver_expired", "expired", "истекло"),
    ("waiver_unmatched", "matches no finding", "не относится ни к одному выводу"),
    ("readings", "Readings chosen and open questions", "Выбранные толкования и открытые вопросы"),
    (
        "readings_intro",
        "Where sources disagree, the summaries record the reading chosen and why; where nothing was found, what would settle it.",
        "Там, где источники расходятся, в кратких изложениях указано выбранное толкование и его основание; там, где ничего не найдено, — что позволит решить вопрос.",
    ),
    ("col_act", "Act", "Акт"),
    ("col_note", "What is unclear", "Что неясно"),
    ("col_would_settle", "Would settle it", "Что позволит решить"),
    ("reading_settled", "reading chosen", "толкование выбрано"),
    ("reading_open", "open", "открыт"),
    ("col_fact", "Fact", "Обстоятельство"),
    ("col_question", "Question", "Вопрос"),
    ("col_settles", "Findings it would settle", "Зависящих выводов"),
    (
        "research_none",
        "Every fact the rules ask is settled by a provision in force.",
        "Все обстоятельства, о которых спрашивают правила, установлены действующими нормами.",
    ),
    ("figures", "Key figures", "Основные показатели"),
    ("col_figure", "Figure", "Показатель"),
    ("col_value", "Value", "Значение"),
    ("col_as_of", "As of", "По состоянию на"),
    ("col_source", "Source", "Источник"),
    ("figures_none", "None recorded.", "Не указаны."),
    ("sources", "Sources", "Источники"),
    (
        "footer",
        "Generated by gapcheck from rules and law summaries kept under version control; the same inputs always give the same report.",
        "Сформировано gapcheck на основе правил и кратких изложений законодательства, хранящихся в системе контроля версий; одни и те же исходные данные всегда дают один и тот же отчёт.",
    ),
];

/// Every message in one language, by key: what templates see as `t`.
pub fn catalogue(lang: Lang) -> BTreeMap<&'static str, &'static str> {
    MESSAGES
        .iter()
        .map(|(key, en, ru)| (*key, if lang == Lang::Ru { *ru } else { *en }))
        .collect()
}

/// One message, with `{name}` placeholders filled in. An unknown key yields the key itself, so
/// a typo shows in the output (and the catalogue test catches it).
pub fn message(lang: Lang, key: &str, args: &[(&str, &str)]) -> String {
    // Looked up per finding and per source: an index, built once, instead of a scan.
    static INDEX: std::sync::OnceLock<std::collections::HashMap<&'static str, (&'static str, &'static str)>> =
        std::sync::OnceLock::new();
    let index = INDEX.get_or_init(|| MESSAGES.iter().map(|(k, en, ru)| (*k, (*en, *ru))).collect());
    let text = index
        .get(key)
        .map_or(key, |(en, ru)| if lang == Lang::Ru { ru } else { en });
    args.iter().fold(text.to_string(), |out, (name, value)| {
        out.replace(&format!("{{{name}}}"), value)
    })
}

/// A whole number with thousands separated: `12,345` in English, `12 345` in Russian.
pub fn number(lang: Lang, n: u64) -> String {
    let digits = n.to_string();
    let separator = if lang == Lang::Ru { '\u{a0}' } else { ',' };
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(separator);
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    fn placeholders(text: &str) -> BTreeSet<&str> {
        text.split('{')
            .skip(1)
            .filter_map(|s| s.split_once('}').map(|(name, _)| name))
            .collect()
    }

    #[test]
    fn every_key_is_unique_and_written_in_both_languages() {
        let mut keys = BTreeSet::new();
        for (key, en, ru) in MESSAGES {
            assert!(keys.insert(*key), "duplicate message key {key}");
            assert!(!en.trim().is_empty(), "{key}: no English");
            assert!(!ru.trim().is_empty(), "{key}: no Russian");
            assert!(
                ru.chars()
                    .any(|c| ('а'..='я').contains(&c.to_lowercase().next().unwrap_or(c))),
                "{key}: the Russian text is not in Russian: {ru}"
            );
            assert_eq!(placeholders(en), placeholders(ru), "{key}: placeholders differ");
        }
    }

    /// Templates read labels as `t.key`; each must be in the catalogue.
    #[test]
    fn every_label_the_templates_use_is_in_the_catalogue() {
        let keys: BTreeSet<&str> = MESSAGES.iter().map(|(k, _, _)| *k).collect();
        for (name, source) in crate::report::TEMPLATE_FILES {
            for (i, _) in source.match_indices("t.") {
                if source[..i].ends_with(|c: char| c.is_alphanumeric() || c == '_' || c == '.') {
                    continue;
                }
                let key: String = source[i + 2..]
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                    .collect();
                assert!(
                    keys.contains(key.as_str()),
                    "{name}: t.{key} is not in the catalogue"
                );
            }
        }
    }

    #[test]
    fn numbers_group_thousands_per_language() {
        assert_eq!(number(Lang::En, 1_234_567), "1,234,567");
        assert_eq!(number(Lang::Ru, 45_000), "45\u{a0}000");
        assert_eq!(number(Lang::En, 999), "999");
    }
}
