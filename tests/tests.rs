//! zona's integration tests, one binary (as ripgrep does): the CLI end to end, and the example
//! workbook scored against its own formulas.

mod batch;
mod browser;
mod cli;
mod compare;
mod criteria_master;
mod evidence_pack;
mod evidence_sample;
mod example_workbook;
mod exit_codes;
mod fuzz_regressions;
mod golden;
mod hostile;
mod keeping;
mod layouts;
mod libreoffice_ods;
mod memory_guards;
mod no_foreign_links;
mod portalrb;
mod print_setup;
mod score_evidence;
mod serve;
mod unit_facts;
mod util;
