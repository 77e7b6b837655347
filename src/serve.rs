//! `zona serve`: the web page on a local address (crates/zona-serve, docs/serve.md).

use std::io::Write;
use std::net::SocketAddr;
use std::path::PathBuf;

use zona_core::Lang;
use zona_serve::{App, ServeOptions};

use crate::{criteria_set, emit, Failure, LangArg};

#[derive(clap::Args)]
pub struct ServeArgs {
    /// The address to listen on. Anything but loopback needs an access token.
    #[arg(long, default_value = "127.0.0.1:8080")]
    bind: SocketAddr,
    /// Read the access token from this file (first line; at least 16 characters).
    #[arg(long)]
    token_file: Option<PathBuf>,
    /// Make a random access token and print it (with the address to open) at start.
    #[arg(long, conflicts_with = "token_file")]
    generate_token: bool,
    /// The largest upload accepted, in MB.
    #[arg(long, default_value_t = zona_serve::DEFAULT_MAX_UPLOAD_MB)]
    max_upload_mb: usize,
    /// Criteria file or built-in id (default: the built-in criteria that fit each workbook best).
    #[arg(long)]
    criteria: Option<PathBuf>,
    /// Also serve the PortalRB integration endpoints (`/pengusulan/unit-wbk`, `/pengusulan/unit-wbbm`,
    /// `/lke/jawaban-unit/{unit_id}`, `/status`) from this folder of unit workbooks, evaluated at
    /// start. Needs an access token (--token-file).
    #[arg(long)]
    portalrb: Option<PathBuf>,
    /// Language of this command's messages.
    #[arg(long, value_enum, default_value_t = LangArg::Id)]
    lang: LangArg,
}

pub fn run(args: ServeArgs) -> Result<(), Failure> {
    let lang: Lang = args.lang.into();
    let token = match (&args.token_file, args.generate_token) {
        (Some(file), _) => {
            let text = std::fs::read_to_string(file).map_err(|e| {
                Failure(format!(
                    "{}: {}: {e}",
                    file.display(),
                    lang.pick("token tidak dapat dibaca", "cannot read the token")
                ))
            })?;
            Some(text.lines().next().unwrap_or("").trim().to_string())
        }
        (None, true) => Some(zona_serve::generate_token()),
        (None, false) => None,
    };
    zona_serve::check_bind(&args.bind, token.as_deref()).map_err(|e| Failure(e.message(lang)))?;
    let set = criteria_set(args.criteria.as_deref(), lang)?;
    let options = ServeOptions {
        token: token.clone(),
        max_upload_bytes: args.max_upload_mb.saturating_mul(1024 * 1024),
        ..ServeOptions::default()
    };
    let app = match &args.portalrb {
        None => App::new(set, options),
        Some(folder) => {
            let app = App::with_portalrb(set, options, folder, lang, |left| {
                let _ = writeln!(
                    std::io::stderr(),
                    "{}",
                    zona_report::render::terminal_safe(&format!(
                        "PortalRB: {}: {}: {}",
                        left.file,
                        lang.pick("tidak disajikan", "not served"),
                        left.reason
                    ))
                );
            })
            .map_err(|e| Failure(e.message(lang)))?;
            if let Some(p) = app.portalrb() {
                for note in &p.notes {
                    let _ = writeln!(
                        std::io::stderr(),
                        "{}",
                        zona_report::render::terminal_safe(&format!("PortalRB: {note}"))
                    );
                }
                let _ = emit(&zona_report::render::terminal_safe(&format!(
                    "PortalRB: {} {} ({} {}), {} {}\n",
                    p.units.len(),
                    lang.pick("unit disajikan", "units served"),
                    p.list(false).units.len(),
                    lang.pick("diusulkan WBK", "proposed for WBK"),
                    p.list(true).units.len(),
                    lang.pick("diusulkan WBBM", "proposed for WBBM"),
                )));
            }
            app
        }
    };
    let show_token = args.generate_token;
    zona_serve::run(args.bind, app, |addr| {
        let url = match (&token, show_token) {
            (Some(t), true) => format!("http://{addr}/?token={t}"),
            _ => format!("http://{addr}/"),
        };
        let _ = emit(&format!(
            "{} {url}\n{}\n",
            lang.pick("zona serve mendengarkan di", "zona serve listening on"),
            lang.pick("Tekan Ctrl-C untuk berhenti.", "Press Ctrl-C to stop."),
        ));
    })
    .map_err(|e| Failure(format!("{}: {e}", args.bind)))
}
