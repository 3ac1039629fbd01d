#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| kaohe_fuzz::plan(data));
