//! The library catches a panic inside a read but leaves the process's panic hook alone; the quiet
//! hook is the binary's to install. One test in its own binary: a panic hook is process-wide.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use zona_read::guard::{install_quiet_panic_hook, no_panic};
use zona_read::ReadError;

fn corrupt_message(r: Result<(), ReadError>) -> String {
    match r {
        Err(ReadError::Corrupt { file, message }) => {
            assert_eq!(file, "rusak.xls");
            message
        }
        other => panic!("not corrupt: {other:?}"),
    }
}

#[test]
fn no_panic_catches_and_only_the_installed_hook_keeps_it_quiet() {
    // The program's own hook, counting the panics it is shown.
    let seen = Arc::new(AtomicUsize::new(0));
    let counter = seen.clone();
    std::panic::set_hook(Box::new(move |_| {
        counter.fetch_add(1, Ordering::SeqCst);
    }));

    // The library catches the panic and leaves the program's hook in place: it sees the panic.
    let message = corrupt_message(no_panic("rusak.xls", || panic!("sector chain loops")));
    assert_eq!(message, "sector chain loops");
    assert_eq!(
        seen.load(Ordering::SeqCst),
        1,
        "the library replaced the hook"
    );
    let message = corrupt_message(no_panic("rusak.xls", || {
        std::panic::panic_any(7_u8);
    }));
    assert_eq!(message, "the spreadsheet reader stopped");
    assert_eq!(seen.load(Ordering::SeqCst), 2);

    // Once the binary installs the quiet hook (twice is once), caught panics are not shown…
    install_quiet_panic_hook();
    install_quiet_panic_hook();
    let message = corrupt_message(no_panic("rusak.xls", || panic!("{} bytes", 512)));
    assert_eq!(message, "512 bytes");
    assert_eq!(seen.load(Ordering::SeqCst), 2, "a caught panic was shown");

    // …and every other panic reaches the hook that was there before, once.
    let outside = std::panic::catch_unwind(|| panic!("a bug elsewhere"));
    assert!(outside.is_err());
    assert_eq!(seen.load(Ordering::SeqCst), 3);

    // The quiet flag belongs to the thread in no_panic: another thread's panic is shown.
    let other = std::thread::spawn(|| panic!("another thread")).join();
    assert!(other.is_err());
    assert_eq!(seen.load(Ordering::SeqCst), 4);

    // A nested no_panic restores the flag of the outer one.
    let r: Result<(), ReadError> = no_panic("rusak.xls", || {
        let inner = no_panic("rusak.xls", || -> Result<(), ReadError> { panic!("inner") });
        assert!(inner.is_err());
        panic!("outer")
    });
    assert_eq!(corrupt_message(r), "outer");
    assert_eq!(seen.load(Ordering::SeqCst), 4);

    let _ = std::panic::take_hook();
}
