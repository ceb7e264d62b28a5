//! Rendering the view model with minijinja templates: embedded in the binary, or read from a
//! folder (`analyze --templates DIR`) where files with the same names override them.

use super::markdown::{code, escape_markdown, safe_url};
use super::messages::Lang;
use super::{svg, view, Report};
use minijinja::syntax::SyntaxConfig;
use minijinja::value::{Serde, Value};
use minijinja::{context, AutoEscape, Environment, UndefinedBehavior};
use std::path::Path;

/// The template files, by name: what `--templates DIR` may override.
pub const TEMPLATE_FILES: [(&str, &str); 3] = [
    ("report.md", include_str!("templates/report.md")),
    ("report.html", include_str!("templates/report.html")),
    ("report.css", include_str!("templates/report.css")),
];

/// A report's view, ready for the templates.
pub struct Prepared<'r> {
    view: view::View,
    value: Value,
    report: &'r Report,
}

/// The report templates, ready to render in one language.
pub struct Renderer {
    env: Environment<'static>,
    lang: Lang,
}

impl Renderer {
    /// The embedded templates, each replaced by `DIR/<name>` when that file exists.
    pub fn new(templates: Option<&Path>, lang: Lang) -> Result<Renderer, String> {
        let mut env = Environment::new();
        let syntax = SyntaxConfig::builder()
            .trim_blocks(true)
            .lstrip_blocks(true)
            .build()
            .map_err(|e| format!("template syntax: {e:#}"))?;
        env.set_syntax(syntax);
        // A label missing from the catalogue is an error, never a silent blank.
        env.set_undefined_behavior(UndefinedBehavior::Strict);
        // Everything from rules and law summaries is escaped in HTML; Markdown uses `md`.
        env.set_auto_escape_callback(|name| {
            if name.ends_with(".html") {
                AutoEscape::Html
            } else {
                AutoEscape::None
            }
        });
        env.add_filter("md", |s: String| escape_markdown(&s));
        env.add_filter("url", |s: String| safe_url(&s));
        env.add_filter("code", |s: String| code(&s));
        for (name, embedded) in TEMPLATE_FILES {
            let source = match templates.map(|dir| dir.join(name)) {
                Some(path) if path.is_file() => std::fs::read_to_string(&path)
                    .map_err(|e| format!("{}: cannot read: {e}", path.display()))?,
                _ => embedded.to_string(),
            };
            env.add_template_owned(name, source)
                .map_err(|e| format!("template {name}: {e:#}"))?;
        }
        Ok(Renderer { env, lang })
    }

    /// The view model of a report, built and converted for the templates once, so that the
    /// Markdown and the HTML of one report share it.
    pub fn prepare<'r>(&self, report: &'r Report) -> Prepared<'r> {
        let view = view::build(report, self.lang);
        Prepared {
            value: Value::from(Serde(&view)),
            view,
            report,
        }
    }

    pub fn markdown(&self, report: &Report) -> Result<String, String> {
        self.markdown_of(&self.prepare(report))
    }

    /// One self-contained page: inline CSS and SVG, no script, no external request.
    pub fn html(&self, report: &Report) -> Result<String, String> {
        self.html_of(&self.prepare(report))
    }

    pub fn markdown_of(&self, prepared: &Prepared) -> Result<String, String> {
        self.render("report.md", prepared.value.clone())
    }

    pub fn html_of(&self, prepared: &Prepared) -> Result<String, String> {
        let (view, report) = (&prepared.view, prepared.report);
        let t = &view.t;
        let charts = context! {
            status => Value::from_safe_string(svg::status_bars(&view.instruments, self.lang, t["chart_title"])),
            timeline => Value::from_safe_string(svg::timeline(&view.timeline, report.as_of.year, self.lang, t["timeline"])),
            graph => Value::from_safe_string(svg::dependency_graph(report, self.lang, t["graph_title"])),
        };
        self.render("report.html", context! { charts, ..prepared.value.clone() })
    }

    fn render(&self, name: &str, ctx: Value) -> Result<String, String> {
        let mut out = self
            .env
            .get_template(name)
            .and_then(|t| t.render(ctx))
            .map_err(|e| format!("template {name}: {e:#}"))?;
        if !out.ends_with('\n') {
            out.push('\n');
        }
        Ok(out)
    }
}
