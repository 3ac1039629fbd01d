#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| kaohe_fuzz::blueprint_assembly(data));
