//! The `gapcheck` binary: parses arguments, calls the library, maps outcomes to exit codes
//! (0 done, 1 a check or threshold failed, 2 invalid input or usage).

use clap::{Parser, Subcommand};
use gapcheck::app::{
    self, AnalyzeOptions, CatalogueFormat, CompareFormat, DiffFormat, Failure, Format, GraphFormat,
};
use gapcheck::diff::Threshold;
use gapcheck::model::{Date, Value};
use gapcheck::report::Lang;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "gapcheck",
    version,
    about = "Checks national law against the international standards for refugees and stateless people"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
    /// Read the rules from this folder instead of the built-in ones.
    #[arg(long, global = true, value_name = "DIR")]
    rules: Option<PathBuf>,
}

#[derive(Subcommand)]
enum Command {
    /// Assess a country's law and write its reports.
    #[command(after_help = "Examples:
  gapcheck analyze kz                         today's law; writes reports/kz/report.{json,md,html}
  gapcheck analyze kz --format html --lang ru a standalone HTML page, fixed text in Russian
  gapcheck analyze kz --templates my-templates   report.md/report.html/report.css from a folder
  gapcheck analyze kz --as-of 2014-01-01      the law in force then; writes reports/kz/2014-01-01/
  gapcheck analyze laws/kz --format terminal  a folder on disk; print only
  gapcheck analyze kz --assume residence.permanent.open_to_refugees=true   what if an amendment passed
  gapcheck analyze                            every report in reports/reports.ron
  gapcheck analyze --check                    exit 1 if committed reports are stale
  gapcheck analyze kz --fail-on gap --baseline reports/kz/report.json
                                              exit 1 only on gaps new or worse than the baseline")]
    Analyze {
        /// Country codes (kz) or law folders (laws/kz). None: every report the manifest names.
        targets: Vec<String>,
        /// Assess the law in force on this date (YYYY-MM-DD). Default: today.
        #[arg(long, value_parser = parse_date)]
        as_of: Option<Date>,
        /// Where reports go.
        #[arg(long, default_value = "reports")]
        out: PathBuf,
        #[arg(long, value_delimiter = ',', default_value = "terminal,md,html,json,sarif")]
        format: Vec<Format>,
        /// The language of the reports' fixed text (rule texts stay as written).
        #[arg(long, value_enum, default_value = "en")]
        lang: Lang,
        /// Read report.md, report.html and report.css from this folder when present there.
        #[arg(long, value_name = "DIR")]
        templates: Option<PathBuf>,
        /// Compare the committed reports with what the code and data produce; write nothing.
        #[arg(long)]
        check: bool,
        /// Assume a fact, as though an amendment had passed (repeatable): FACT=VALUE.
        #[arg(long, value_parser = app::parse_assumption)]
        assume: Vec<(String, Value)>,
        /// Exit 1 when a finding is at this status or worse (waived findings excepted).
        #[arg(long, value_name = "STATUS")]
        fail_on: Option<Threshold>,
        /// With --fail-on: count only findings new or worse than in this JSON report.
        #[arg(long, value_name = "REPORT.json", requires = "fail_on")]
        baseline: Option<PathBuf>,
    },
    /// Compare two analyses: gaps closed and opened, status, obligation and evidence changes.
    #[command(after_help = "Examples:
  gapcheck diff kz --as-of 2014-01-01 --as-of 2022-06-30
  gapcheck diff reports/kz/report.json laws/kz --format md     (a pull-request comment)
  gapcheck diff old.json new.json --fail-on-regression          exit 1 if any finding got worse")]
    Diff {
        /// Two sides (JSON reports, law folders or country codes), or one with two --as-of dates.
        #[arg(required = true, num_args = 1..=2)]
        sides: Vec<String>,
        #[arg(long, value_parser = parse_date)]
        as_of: Vec<Date>,
        #[arg(long, default_value = "terminal")]
        format: DiffFormat,
        #[arg(long)]
        fail_on_regression: bool,
    },
    /// Check rules and law folders; print every diagnostic; write nothing.
    #[command(after_help = "Examples:
  gapcheck validate rules laws/kz
  gapcheck validate tests/fixtures/bad        every case in the folder, in one run")]
    Validate {
        #[arg(default_values = ["rules", "laws"])]
        paths: Vec<PathBuf>,
    },
    /// Explain one finding: the condition, each fact with the provision behind it, what it blocks.
    #[command(after_help = "Examples:
  gapcheck explain 1951.34.naturalisation kz
  gapcheck explain 1961.1.birth-in-territory kz --as-of 2014-01-01")]
    Explain {
        rule: String,
        #[arg(default_value = "kz")]
        country: String,
        #[arg(long, value_parser = parse_date)]
        as_of: Option<Date>,
    },
    /// The dependency graph of rules and provisions, coloured by status.
    #[command(after_help = "Examples:
  gapcheck graph kz --format svg > kz.svg
  gapcheck graph kz --around 1951.34.naturalisation --format svg > naturalisation.svg
  gapcheck graph kz --format dot | dot -Tpng > kz.png     (with Graphviz installed)")]
    Graph {
        #[arg(default_value = "kz")]
        country: String,
        /// Only this rule's prerequisites, dependents and the provisions behind them.
        #[arg(long, value_name = "RULE")]
        around: Option<String>,
        #[arg(long, default_value = "svg")]
        format: GraphFormat,
        #[arg(long, value_parser = parse_date)]
        as_of: Option<Date>,
    },
    /// Compare countries rule by rule; name a neighbour's provision where it meets a rule another misses.
    #[command(after_help = "Examples:
  gapcheck compare kz kg tj tm uz
  gapcheck compare kz kg tj tm uz --format html > central-asia.html")]
    Compare {
        #[arg(required = true)]
        countries: Vec<String>,
        #[arg(long, value_parser = parse_date)]
        as_of: Option<Date>,
        #[arg(long, default_value = "terminal")]
        format: CompareFormat,
    },
    /// A State's participation in the four instruments, or the parties to one.
    #[command(after_help = "Examples:
  gapcheck status kz
  gapcheck status --instrument 1954")]
    Status {
        #[arg(required_unless_present = "instrument")]
        country: Option<String>,
        #[arg(long)]
        instrument: Option<String>,
    },
    /// Start a country folder: country.ron from the treaty table, every fact as a question.
    #[command(after_help = "Examples:
  gapcheck init fr                     creates laws/fr/ (never overwrites)
  gapcheck init fr --questionnaire     writes questionnaire-fr.md and .html for a legal expert")]
    Init {
        country: String,
        /// Write the questions as Markdown and HTML documents instead of a folder.
        #[arg(long)]
        questionnaire: bool,
        /// Where the country folder (or the questionnaire) goes.
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// List the rule catalogue by instrument and article.
    #[command(after_help = "Examples:
  gapcheck rules
  gapcheck rules --instrument 1954
  gapcheck rules --coverage                  obligation-bearing articles covered, per instrument
  gapcheck rules --format md > rules/CATALOGUE.md")]
    Rules {
        #[arg(long)]
        instrument: Option<String>,
        /// Per instrument, the obligation-bearing articles covered by a rule, and those not.
        #[arg(long)]
        coverage: bool,
        #[arg(long, default_value = "terminal")]
        format: CatalogueFormat,
    },
}

fn parse_date(s: &str) -> Result<Date, String> {
    s.parse()
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let rules = cli.rules.as_deref();
    let result = match cli.command {
        Command::Analyze {
            targets,
            as_of,
            out,
            format,
            check,
            assume,
            fail_on,
            baseline,
            lang,
            templates,
        } => app::analyze(&AnalyzeOptions {
            targets,
            as_of,
            out,
            formats: format,
            rules: cli.rules.clone(),
            check,
            assume,
            baseline,
            fail_on,
            lang,
            templates,
        }),
        Command::Diff {
            sides,
            as_of,
            format,
            fail_on_regression,
        } => app::diff(&sides, &as_of, format, fail_on_regression, rules),
        Command::Validate { paths } => {
            let diagnostics = app::validate(&paths, rules);
            if diagnostics.is_empty() {
                Ok("no problems found\n".to_string())
            } else {
                Err(Failure::Invalid(diagnostics))
            }
        }
        Command::Explain { rule, country, as_of } => {
            app::explain(&rule, &country, as_of.unwrap_or_else(Date::today), rules)
        }
        Command::Status { country, instrument } => {
            app::status(country.as_deref(), instrument.as_deref(), rules)
        }
        Command::Init {
            country,
            questionnaire,
            out,
        } => {
            if questionnaire {
                app::questionnaire(&country, &out.unwrap_or_else(|| PathBuf::from(".")), rules)
            } else {
                app::init(&country, &out.unwrap_or_else(|| PathBuf::from("laws")), rules)
            }
        }
        Command::Compare {
            countries,
            as_of,
            format,
        } => app::compare(&countries, as_of.unwrap_or_else(Date::today), format, rules),
        Command::Graph {
            country,
            around,
            format,
            as_of,
        } => app::graph(
            &country,
            as_of.unwrap_or_else(Date::today),
            around.as_deref(),
            format,
            rules,
        ),
        Command::Rules {
            instrument,
            coverage,
            format,
        } => app::rules(rules, instrument.as_deref(), coverage, format),
    };
    match result {
        Ok(out) => {
            print!("{out}");
            ExitCode::SUCCESS
        }
        Err(Failure::Invalid(diagnostics)) => {
            for d in &diagnostics {
                eprintln!("{d}");
            }
            eprintln!("\n{} problem(s); nothing was written.", diagnostics.len());
            ExitCode::from(2)
        }
        Err(Failure::Threshold { stdout, message }) => {
            print!("{stdout}");
            eprintln!("{message}");
            ExitCode::from(1)
        }
        Err(Failure::Check(message)) => {
            eprintln!("{message}");
            ExitCode::from(1)
        }
        Err(Failure::Other(message)) => {
            eprintln!("error: {message}");
            ExitCode::from(2)
        }
    }
}
