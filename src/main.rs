//! The `gongkai` command line: parse arguments, call the library, print
//! diagnostics. Exit codes: 0 success, 1 content errors, 2 usage errors.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{CommandFactory, FromArgMatches, Parser, Subcommand};
use gongkai::Diagnostics;
use gongkai::i18n::{self, Language};
use gongkai::msg;
use gongkai::{BuildOptions, BuildReport};

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(
    name = "gongkai",
    version,
    about = "Publish policy documents and public service directories as a static portal"
)]
struct Cli {
    /// The language of messages: zh-CN or en (default: GONGKAI_LANG, then
    /// LANG, then the site's language).
    #[arg(long, global = true, value_parser = ["zh-CN", "en"])]
    lang: Option<String>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Create a new site in DIR that builds at once.
    Init { dir: PathBuf },
    /// Build the site into the output folder (public/ by default).
    Build {
        /// The site root (where gongkai.yaml is).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Where to write the site.
        #[arg(long)]
        output: Option<PathBuf>,
        /// Override base_url from gongkai.yaml (for example to serve under a sub-path).
        #[arg(long)]
        base_url: Option<String>,
        /// Include pages and sections marked `draft: true`.
        #[arg(long)]
        drafts: bool,
        /// Include pages dated after today (their publication date still to come).
        #[arg(long)]
        future: bool,
        /// Replace the output folder even if it holds files gongkai did not write.
        #[arg(long)]
        force: bool,
    },
    /// Check everything a build checks, without writing.
    Check {
        #[arg(long, default_value = ".")]
        root: PathBuf,
        #[arg(long)]
        base_url: Option<String>,
        #[arg(long)]
        drafts: bool,
        #[arg(long)]
        future: bool,
    },
    /// Build the site, serve it, and rebuild and reload pages when its files change.
    Serve {
        /// The site root (where gongkai.yaml is).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// The address to listen on.
        #[arg(long, default_value = "127.0.0.1")]
        bind: std::net::IpAddr,
        /// The port to listen on; when taken, the next free one (0: let the system choose).
        #[arg(long, default_value_t = 1111)]
        port: u16,
        /// Poll for changes instead of using file system notifications.
        #[arg(long)]
        poll: bool,
        /// Include pages and sections marked `draft: true`.
        #[arg(long)]
        drafts: bool,
        /// Include pages dated after today (their publication date still to come).
        #[arg(long)]
        future: bool,
    },
    /// Search the built site's index with the same ranking as its search page.
    Search {
        /// The site root (where gongkai.yaml is).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// The built site (ROOT/public by default).
        #[arg(long)]
        output: Option<PathBuf>,
        /// Print the results as JSON.
        #[arg(long)]
        json: bool,
        /// How many results to show.
        #[arg(long, default_value_t = 10)]
        limit: usize,
        /// Only results of this kind: policy (政策), article (条款), org (组织),
        /// service (服务), activity (活动), page (页面); the id or the name.
        #[arg(long)]
        kind: Option<String>,
        /// Only results of this organization type (its id or name, e.g.
        /// fulian or 妇联).
        #[arg(long = "type")]
        org_type: Option<String>,
        /// Only results in this region or below it (its id, e.g. zhuji, or the
        /// name of a region of the first two levels, e.g. 诸暨市).
        #[arg(long)]
        region: Option<String>,
        /// Only results for this audience (e.g. 残疾人).
        #[arg(long)]
        audience: Option<String>,
        /// Only results for this need (e.g. 法律援助).
        #[arg(long)]
        need: Option<String>,
        /// Only brands and honours of this kind (its id or name, e.g.
        /// jinguo-wenminggang or 巾帼文明岗).
        #[arg(long)]
        brand: Option<String>,
        /// Only policies and their articles of this issuer (发文机关), as the
        /// policy library lists them.
        #[arg(long)]
        issuer: Option<String>,
        /// Only policies and their articles written in this year (成文年份),
        /// e.g. 2015 or 2015年.
        #[arg(long)]
        year: Option<String>,
        /// Only policies and their articles of this topic (主题分类).
        #[arg(long)]
        topic: Option<String>,
        /// Only policies and their articles of this validity on the build's
        /// day (时效性): in_force (有效), not_yet_in_force (尚未生效), amended
        /// (已修改), repealed (已废止), expired (已失效).
        #[arg(long)]
        validity: Option<String>,
        /// Use every posting of frequent terms, not only their heads (what
        /// the search page's 显示全部匹配结果 does).
        #[arg(long)]
        all: bool,
        /// What to search for.
        query: String,
    },
    /// Publish the built site to an S3-compatible bucket, uploading only
    /// what changed, in an order that keeps links working, deleting last.
    /// Credentials come from AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and
    /// AWS_SESSION_TOKEN.
    Deploy {
        /// The site root (where gongkai.yaml is).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// The built site (ROOT/public by default).
        #[arg(long)]
        output: Option<PathBuf>,
        /// Where to publish: s3://BUCKET or s3://BUCKET/PREFIX (or deploy.target).
        #[arg(long)]
        target: Option<String>,
        /// The storage's S3 endpoint, e.g. https://oss-cn-hangzhou.aliyuncs.com
        /// (AWS S3 for the region by default).
        #[arg(long)]
        endpoint: Option<String>,
        /// The signing region (us-east-1 by default).
        #[arg(long)]
        region: Option<String>,
        /// Address the bucket as ENDPOINT/BUCKET instead of BUCKET.ENDPOINT
        /// (always so for an IP address or localhost).
        #[arg(long)]
        path_style: bool,
        /// Compare and list what would change; change nothing.
        #[arg(long)]
        dry_run: bool,
        /// Compare with a listing of the bucket instead of its deploy
        /// manifest (after objects were changed by other means).
        #[arg(long)]
        verify: bool,
        /// Refuse to delete more objects than this (256 by default).
        #[arg(long)]
        max_deletes: Option<usize>,
        /// Where to write the changed URLs for a CDN refresh
        /// (OUTPUT/../changed-urls.txt by default).
        #[arg(long)]
        changed_urls: Option<PathBuf>,
    },
    /// Import a Word file (.docx) as a policy page: content/SECTION/SLUG/index.md
    /// with the original beside it as a download; prints what was found.
    Import {
        /// The Word file (.docx; .doc, .wps, .pdf and .ofd must be saved as .docx first).
        file: PathBuf,
        /// The site root (where gongkai.yaml is).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// The section folder under content/.
        #[arg(long, default_value = "policies")]
        section: String,
        /// The page's folder name (the last part of its address); from the
        /// file name when that is plain ASCII.
        #[arg(long)]
        slug: Option<String>,
        /// Replace a page that exists.
        #[arg(long)]
        force: bool,
    },
    /// Print the CSS for a syntect highlighting theme (for theme authors).
    SyntaxCss {
        #[arg(long, default_value = "InspiredGitHub")]
        theme: String,
    },
}

fn report_errors(diagnostics: &Diagnostics) {
    use std::io::IsTerminal;
    let colour = std::env::var_os("NO_COLOR").is_none() && std::io::stderr().is_terminal();
    let theme = if colour {
        miette::GraphicalTheme::unicode()
    } else {
        miette::GraphicalTheme::unicode_nocolor()
    };
    // The place is in the message (`file:line:column`, columns counted in
    // characters); miette's own header counts bytes, which disagrees on
    // Chinese lines, so it is left out.
    let handler = miette::GraphicalReportHandler::new_themed(theme).without_primary_span_start();
    for d in &diagnostics.0 {
        let mut text = String::new();
        match handler.render_report(&mut text, d) {
            Ok(()) => eprintln!("{}", help_label(&text)),
            Err(_) => eprintln!("error: {d}"),
        }
    }
    eprintln!("{}", msg!("errors-found", count = diagnostics.len()));
}

/// A mistake on the command line, said in the run's language (clap's own
/// words are English), then exit 2 as clap does. Help and version, and
/// kinds of mistakes without a message of ours, go through clap.
fn usage_error(e: clap::Error) -> ! {
    use clap::error::{ContextKind, ErrorKind};
    let context = |kind| e.get(kind).map(|v| v.to_string());
    let message = match e.kind() {
        ErrorKind::UnknownArgument => context(ContextKind::InvalidArg)
            .map(|arg| msg!("cli-error-unknown-argument", arg = arg)),
        ErrorKind::InvalidSubcommand => context(ContextKind::InvalidSubcommand)
            .map(|command| msg!("cli-error-unknown-command", command = command)),
        ErrorKind::InvalidValue => match (
            context(ContextKind::InvalidValue),
            context(ContextKind::InvalidArg),
            context(ContextKind::ValidValue),
        ) {
            (Some(value), Some(arg), _) if value.is_empty() => {
                Some(msg!("cli-error-value-required", arg = arg))
            }
            (Some(value), Some(arg), Some(accepted)) => Some(msg!(
                "cli-error-invalid-value",
                value = value,
                arg = arg,
                accepted = accepted
            )),
            _ => None,
        },
        // A value the argument's parser refused (`--limit abc`, `--port
        // 99999`): what it needs, said from the parser's complaint.
        ErrorKind::ValueValidation => match (
            context(ContextKind::InvalidValue),
            context(ContextKind::InvalidArg),
        ) {
            (Some(value), Some(arg)) => {
                let cause = std::error::Error::source(&e).map(|s| s.to_string());
                let needs = match cause.as_deref().and_then(|c| c.split_once(" is not in ")) {
                    Some((_, range)) => match range.split_once("..=") {
                        Some((low, high)) => msg!("cli-needs-range", low = low, high = high),
                        None => gongkai::words::quoted(range),
                    },
                    None if cause.as_deref().is_some_and(|c| {
                        c.contains("digit") || c.contains("integer") || c.contains("number")
                    }) =>
                    {
                        msg!("cli-needs-integer")
                    }
                    None => gongkai::words::quoted(cause.as_deref().unwrap_or_default()),
                };
                Some(msg!(
                    "cli-error-bad-value",
                    value = value,
                    arg = arg,
                    needs = needs
                ))
            }
            _ => None,
        },
        ErrorKind::MissingRequiredArgument => context(ContextKind::InvalidArg)
            .map(|arg| msg!("cli-error-missing-argument", arg = arg)),
        _ => None,
    };
    let Some(message) = message else { e.exit() };
    eprintln!("{}", msg!("error-line", message = message));
    let suggestion = context(ContextKind::SuggestedArg)
        .or_else(|| context(ContextKind::SuggestedSubcommand))
        .or_else(|| context(ContextKind::SuggestedValue));
    if let Some(suggestion) = suggestion {
        eprintln!(
            "{}",
            msg!("cli-error-did-you-mean", suggestion = suggestion)
        );
    }
    eprintln!("{}", msg!("cli-error-see-help"));
    std::process::exit(2)
}

/// miette's `help:` before each help line, in the run's language.
fn help_label(report: &str) -> String {
    let label = msg!("diagnostic-help-label");
    report
        .split_inclusive('\n')
        .map(|line| {
            let text = line.trim_start();
            match text.strip_prefix("help: ") {
                Some(rest) => format!("{}{label}{rest}", &line[..line.len() - text.len()]),
                None => line.to_string(),
            }
        })
        .collect()
}

/// What a build or a check did.
#[derive(Clone, Copy)]
enum Done {
    Built,
    Checked,
}

fn summary(done: Done, r: &BuildReport) {
    for w in &r.warnings {
        eprintln!("{}", msg!("warning-line", message = w));
    }
    let seconds = i18n::fixed(r.seconds, 2);
    let done = match done {
        Done::Built => msg!("summary-built"),
        Done::Checked => msg!("summary-checked"),
    };
    let line = msg!(
        "summary",
        done = done,
        pages = r.pages,
        sections = r.sections,
        articles = r.articles,
        records = r.records,
        files = r.files_written,
        seconds = seconds,
    );
    eprintln!("{line}");
}

/// The lines `gongkai deploy` prints: the plan of a dry run on stdout, the
/// summary on stderr.
fn deploy_summary(r: &gongkai::DeployReport) {
    if std::env::var_os("GONGKAI_TIMINGS").is_some() {
        eprintln!(
            "timing: deploy sent {} requests; the bucket's state came from {}",
            r.requests,
            if r.from_manifest {
                "the manifest"
            } else {
                "a listing"
            }
        );
    }
    if r.dry_run {
        for (group, path) in &r.planned_uploads {
            println!("upload  {path}  ({})", group.name());
        }
        for path in &r.planned_deletes {
            println!("delete  {path}");
        }
        eprintln!(
            "{}",
            msg!(
                "deploy-dry-run",
                uploads = r.uploaded,
                deletes = r.deleted,
                unchanged = r.unchanged,
                bytes = r.bytes.to_string(),
            )
        );
        return;
    }
    eprintln!(
        "{}",
        msg!(
            "deploy-done",
            uploads = r.uploaded,
            deletes = r.deleted,
            unchanged = r.unchanged,
            bytes = r.bytes.to_string(),
            seconds = i18n::fixed(r.seconds, 2),
        )
    );
    if let Some(file) = &r.changed_urls_file {
        if r.changed_urls > gongkai::URL_REFRESH_LIMIT {
            eprintln!(
                "{}",
                msg!(
                    "deploy-changed-urls-many",
                    count = r.changed_urls,
                    file = file,
                    directory = &r.base_url,
                )
            );
        } else {
            eprintln!(
                "{}",
                msg!("deploy-changed-urls", count = r.changed_urls, file = file)
            );
        }
    }
}

/// The value of `--name VALUE` or `--name=VALUE` in the raw arguments, for
/// choosing the language before clap prints anything.
fn raw_flag(args: &[std::ffi::OsString], name: &str) -> Option<String> {
    let prefix = format!("{name}=");
    let mut it = args.iter().skip(1).map(|a| a.to_string_lossy());
    while let Some(a) = it.next() {
        if a == name {
            return it.next().map(|v| v.into_owned());
        }
        if let Some(v) = a.strip_prefix(&prefix) {
            return Some(v.to_string());
        }
        if a == "--" {
            break;
        }
    }
    None
}

/// The `language` of the site at `root` (a top-level `language:` line of
/// its gongkai.yaml), or zh-CN, a site's default language. Read before the
/// site loads, so that its loading errors are already in that language.
fn site_language(root: &std::path::Path) -> Language {
    let Ok(text) = std::fs::read_to_string(root.join("gongkai.yaml")) else {
        return Language::ZhCn;
    };
    text.lines()
        .find_map(|l| l.strip_prefix("language:"))
        .map(|v| {
            v.split('#')
                .next()
                .unwrap_or("")
                .trim()
                .trim_matches(['"', '\''])
        })
        .and_then(Language::parse)
        .unwrap_or(Language::ZhCn)
}

/// The command line with its descriptions in the run's language.
fn localised_command() -> clap::Command {
    let subcommands = [
        ("init", msg!("cli-init")),
        ("build", msg!("cli-build")),
        ("check", msg!("cli-check")),
        ("serve", msg!("cli-serve")),
        ("search", msg!("cli-search")),
        ("deploy", msg!("cli-deploy")),
        ("import", msg!("cli-import")),
        ("syntax-css", msg!("cli-syntax-css")),
    ];
    let mut command = headings(
        Cli::command()
            .about(msg!("cli-about"))
            .mut_arg("lang", |a| a.help(msg!("cli-lang"))),
    );
    for (name, about) in subcommands {
        command = command.mut_subcommand(name, |mut c| {
            let ids: Vec<String> = c.get_arguments().map(|a| a.get_id().to_string()).collect();
            for id in ids {
                if let Some(help) = arg_help(name, &id) {
                    c = c.mut_arg(id, |a| a.help(help));
                }
            }
            headings(c.about(about))
        });
    }
    command
}

/// The words clap puts around the descriptions (`Usage:`, `Options:`,
/// `Commands:`), in the run's language.
fn headings(command: clap::Command) -> clap::Command {
    let options = msg!("cli-heading-options");
    let arguments = msg!("cli-heading-arguments");
    // clap's own --help (and the top level's --version and `help`
    // command) cannot take other words: they are replaced by the same
    // flags with words from the catalogs.
    let top = command.get_name() == "gongkai";
    let mut command = command.disable_help_flag(true).arg(
        clap::Arg::new("help")
            .short('h')
            .long("help")
            .action(clap::ArgAction::Help)
            .help(msg!("cli-arg-help")),
    );
    if top {
        command = command
            .disable_help_subcommand(true)
            .disable_version_flag(true)
            .arg(
                clap::Arg::new("version")
                    .short('V')
                    .long("version")
                    .action(clap::ArgAction::Version)
                    .help(msg!("cli-arg-version")),
            );
    }
    let ids: Vec<(String, bool)> = command
        .get_arguments()
        .map(|a| (a.get_id().to_string(), a.is_positional()))
        .collect();
    let mut command = command
        .help_template(format!(
            "{{before-help}}{{about-with-newline}}\n{}{{usage}}\n\n{{all-args}}{{after-help}}",
            msg!("cli-heading-usage")
        ))
        .subcommand_help_heading(msg!("cli-heading-commands"));
    for (id, positional) in ids {
        let heading = if positional { &arguments } else { &options };
        command = command.mut_arg(id, |a| {
            let a = a.help_heading(heading.clone());
            if !a.get_action().takes_values() {
                return a;
            }
            let help = notes(&a);
            a.help(help)
                .hide_default_value(true)
                .hide_possible_values(true)
        });
    }
    command
}

/// A value-taking argument's description with its accepted values and its default in
/// the run's language (clap would add `[possible values: …]` and
/// `[default: …]` in English).
fn notes(arg: &clap::Arg) -> String {
    let mut help = arg.get_help().map(|h| h.to_string()).unwrap_or_default();
    let accepted: Vec<String> = arg
        .get_possible_values()
        .iter()
        .filter(|v| !v.is_hide_set())
        .map(|v| v.get_name().to_string())
        .collect();
    // A description that names every value already says it.
    if !accepted.is_empty() && !accepted.iter().all(|v| help.contains(v.as_str())) {
        help.push_str(&msg!("cli-accepted-values", values = accepted.join(", ")));
    }
    let defaults: Vec<String> = arg
        .get_default_values()
        .iter()
        .map(|v| v.to_string_lossy().into_owned())
        .collect();
    if !defaults.is_empty() {
        help.push_str(&msg!("cli-default-value", value = defaults.join(" ")));
    }
    help
}

/// The description of a command's flag or argument, by its name.
fn arg_help(command: &str, id: &str) -> Option<String> {
    Some(match (command, id) {
        ("build", "output") => msg!("cli-arg-output"),
        (_, "output") => msg!("cli-arg-built-site"),
        ("import", "force") => msg!("cli-arg-replace-page"),
        ("deploy", "region") => msg!("cli-arg-signing-region"),
        (_, id) => return arg_help_of(id),
    })
}

/// The description of a flag or argument that means the same in every
/// command that has it.
fn arg_help_of(id: &str) -> Option<String> {
    Some(match id {
        "root" => msg!("cli-arg-root"),
        "base_url" => msg!("cli-arg-base-url"),
        "drafts" => msg!("cli-arg-drafts"),
        "future" => msg!("cli-arg-future"),
        "force" => msg!("cli-arg-force"),
        "bind" => msg!("cli-arg-bind"),
        "port" => msg!("cli-arg-port"),
        "poll" => msg!("cli-arg-poll"),
        "json" => msg!("cli-arg-json"),
        "limit" => msg!("cli-arg-limit"),
        "kind" => msg!("cli-arg-kind"),
        "org_type" => msg!("cli-arg-type"),
        "region" => msg!("cli-arg-region"),
        "audience" => msg!("cli-arg-audience"),
        "need" => msg!("cli-arg-need"),
        "brand" => msg!("cli-arg-brand"),
        "issuer" => msg!("cli-arg-issuer"),
        "year" => msg!("cli-arg-year"),
        "topic" => msg!("cli-arg-topic"),
        "validity" => msg!("cli-arg-validity"),
        "all" => msg!("cli-arg-all"),
        "query" => msg!("cli-arg-query"),
        "target" => msg!("cli-arg-target"),
        "endpoint" => msg!("cli-arg-endpoint"),
        "path_style" => msg!("cli-arg-path-style"),
        "dry_run" => msg!("cli-arg-dry-run"),
        "verify" => msg!("cli-arg-verify"),
        "max_deletes" => msg!("cli-arg-max-deletes"),
        "changed_urls" => msg!("cli-arg-changed-urls"),
        "file" => msg!("cli-arg-file"),
        "section" => msg!("cli-arg-section"),
        "slug" => msg!("cli-arg-slug"),
        "dir" => msg!("cli-arg-dir"),
        "theme" => msg!("cli-arg-theme"),
        _ => return None,
    })
}

fn main() -> ExitCode {
    // The language first, so that everything printed, `--help` too, is in it.
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let language =
        Language::from_environment(raw_flag(&args, "--lang").as_deref()).unwrap_or_else(|| {
            let root = raw_flag(&args, "--root").unwrap_or_else(|| ".".into());
            site_language(std::path::Path::new(&root))
        });
    i18n::set_language(language);
    let matches = match localised_command().try_get_matches_from(args) {
        Ok(m) => m,
        Err(e) => usage_error(e),
    };
    let cli = Cli::from_arg_matches(&matches).unwrap_or_else(|e| e.exit());
    match cli.command {
        Command::Init { dir } => match gongkai::init(&dir) {
            Ok(()) => {
                eprintln!("{}", msg!("init-done", dir = &dir));
                ExitCode::SUCCESS
            }
            Err(d) => {
                report_errors(&d.into());
                ExitCode::from(1)
            }
        },
        Command::Build {
            root,
            output,
            base_url,
            drafts,
            future,
            force,
        } => {
            let options = BuildOptions {
                root,
                output,
                base_url,
                drafts,
                future,
                force,
            };
            match gongkai::build(&options) {
                Ok(r) => {
                    summary(Done::Built, &r);
                    ExitCode::SUCCESS
                }
                Err(d) => {
                    report_errors(&d);
                    ExitCode::from(1)
                }
            }
        }
        Command::Check {
            root,
            base_url,
            drafts,
            future,
        } => {
            let mut options = BuildOptions::new(root);
            options.drafts = drafts;
            options.future = future;
            options.base_url = base_url;
            match gongkai::check(&options) {
                Ok(r) => {
                    summary(Done::Checked, &r);
                    ExitCode::SUCCESS
                }
                Err(d) => {
                    report_errors(&d);
                    ExitCode::from(1)
                }
            }
        }
        Command::Serve {
            root,
            bind,
            port,
            poll,
            drafts,
            future,
        } => {
            let options = gongkai::ServeOptions {
                root,
                bind,
                port,
                poll,
                drafts,
                future,
            };
            let reporter = gongkai::Reporter {
                errors: report_errors,
                built: |r| summary(Done::Built, r),
            };
            match gongkai::serve(&options, reporter) {
                Ok(()) => ExitCode::SUCCESS,
                Err(d) => {
                    report_errors(&d);
                    ExitCode::from(1)
                }
            }
        }
        Command::Search {
            root,
            output,
            json,
            limit,
            kind,
            org_type,
            region,
            audience,
            need,
            brand,
            issuer,
            year,
            topic,
            validity,
            all,
            query,
        } => {
            let dir = output.unwrap_or_else(|| root.join("public")).join("search");
            let mut index = match gongkai::search_index::Index::open(&dir) {
                Ok(index) => index,
                Err(e) => {
                    eprintln!("{}", msg!("search-no-index", error = e.to_string()));
                    return ExitCode::from(1);
                }
            };
            let mut filters = gongkai::search_index::Filters::new();
            for (name, value) in [
                ("kind", kind),
                ("type", org_type),
                ("region", region),
                ("audience", audience),
                ("need", need),
                ("brand", brand),
                ("issuer", issuer),
                ("year", year),
                ("topic", topic),
                ("validity", validity),
            ] {
                let Some(v) = value else { continue };
                match index.filter_value(name, &v) {
                    Ok(id) => filters.insert(name.to_string(), id),
                    Err(e) => {
                        eprintln!(
                            "{}",
                            msg!("search-bad-filter", flag = name, error = e.to_string())
                        );
                        return ExitCode::from(2);
                    }
                };
            }
            let found = index.search(&query, &filters, limit, all);
            match found {
                Ok(r) if json => {
                    println!("{}", serde_json::to_string_pretty(&r).unwrap_or_default());
                    ExitCode::SUCCESS
                }
                Ok(r) => {
                    let mut line = msg!("search-results", count = r.total);
                    if r.partial {
                        line.push_str(&msg!("search-results-partial"));
                    }
                    if !r.complete {
                        line.push_str(&msg!("search-results-heads"));
                    }
                    println!("{line}");
                    for (i, h) in r.results.iter().enumerate() {
                        println!(
                            "{:>3}. {} [{}] {}\n     {}  ({})",
                            i + 1,
                            h.title,
                            h.kind,
                            h.location,
                            h.url,
                            h.score
                        );
                    }
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    eprintln!("{}", msg!("search-no-index", error = e.to_string()));
                    ExitCode::from(1)
                }
            }
        }
        Command::Deploy {
            root,
            output,
            target,
            endpoint,
            region,
            path_style,
            dry_run,
            verify,
            max_deletes,
            changed_urls,
        } => {
            use std::io::{IsTerminal, Write};
            let options = gongkai::DeployOptions {
                root,
                output,
                target,
                endpoint,
                region,
                path_style,
                dry_run,
                verify,
                max_deletes,
                changed_urls,
            };
            let terminal = std::io::stderr().is_terminal();
            // A bar on one line, redrawn in place.
            let show = |doing: &str, done: usize, total: usize| {
                const WIDTH: usize = 30;
                let filled = (done * WIDTH).checked_div(total).unwrap_or(0).min(WIDTH);
                let bar = format!("{}{}", "#".repeat(filled), "-".repeat(WIDTH - filled));
                let mut err = std::io::stderr().lock();
                let _ = write!(err, "\r[{bar}] {done}/{total} {doing}\x1b[K");
                let _ = err.flush();
            };
            let progress: Option<gongkai::Progress<'_>> = if terminal { Some(&show) } else { None };
            let result = gongkai::deploy(&options, progress);
            if terminal {
                eprint!("\r\x1b[K");
            }
            match result {
                Ok(r) => {
                    deploy_summary(&r);
                    match &r.refused {
                        Some(e) => {
                            eprintln!("{}", msg!("error-line", message = e.to_string()));
                            ExitCode::from(1)
                        }
                        None => ExitCode::SUCCESS,
                    }
                }
                Err(e) => {
                    eprintln!("{}", msg!("error-line", message = e.to_string()));
                    ExitCode::from(if e.usage { 2 } else { 1 })
                }
            }
        }
        Command::Import {
            file,
            root,
            section,
            slug,
            force,
        } => {
            let options = gongkai::ImportOptions {
                file,
                root,
                section,
                slug,
                force,
            };
            match gongkai::import_docx(&options) {
                Ok(report) => {
                    print!("{report}");
                    ExitCode::SUCCESS
                }
                Err(d) => {
                    report_errors(&d.into());
                    ExitCode::from(1)
                }
            }
        }
        Command::SyntaxCss { theme } => match gongkai::theme_css(&theme) {
            Ok(css) => {
                print!("{css}");
                ExitCode::SUCCESS
            }
            Err(m) => {
                eprintln!("{}", msg!("error-line", message = m));
                ExitCode::from(2)
            }
        },
    }
}
