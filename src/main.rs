//! The `gapcheck` binary: parses arguments, calls the library, maps outcomes to exit codes
//! (0 done, 1 a check or threshold failed, 2 invalid input or usage).

use clap::{Parser, Subcommand};
use gapcheck::app::{self, AnalyzeOptions, Failure, Format};
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
  gapcheck analyze --check                    exit 1 if committed reports are stale")]
    Analyze {
        /// Country codes (kz) or law folders (laws/kz). None: every report the manifest names.
        targets: Vec<String>,
        /// Assess the law in force on this date (YYYY-MM-DD). Default: today.
        #[arg(long, value_parser = parse_date)]
        as_of: Option<Date>,
        /// Where reports go.
        #[arg(long, default_value = "reports")]
        out: PathBuf,
        #[arg(long, value_delimiter = ',', default_value = "terminal,md,html,json")]
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
    /// List the rule catalogue by instrument and article.
    #[command(after_help = "Examples:
  gapcheck rules
  gapcheck rules --instrument 1954")]
    Rules {
        #[arg(long)]
        instrument: Option<String>,
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
            lang,
            templates,
        }),
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
        Command::Rules { instrument } => app::rules(rules, instrument.as_deref()),
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
