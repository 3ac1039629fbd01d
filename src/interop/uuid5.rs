//! Name-based UUIDs (version 5, RFC 9562), which xAPI statement ids use here so that sending a
//! statement again is idempotent, and the strict parsing of the ids a caller gives. The `uuid`
//! crate does the work (its SHA-1 is `sha1_smol`); this file only fixes the forms we accept.

use uuid::Uuid;

/// A name-based UUID (version 5) of `name` in the namespace `namespace`, lower-case hex.
pub fn uuid_v5(namespace: &[u8; 16], name: &str) -> String {
    Uuid::new_v5(&Uuid::from_bytes(*namespace), name.as_bytes())
        .hyphenated()
        .to_string()
}

/// Parses a UUID in its hyphenated form (any case) into bytes. The other forms the `uuid`
/// crate reads (32 bare hex digits, braces, `urn:uuid:`) are refused: xAPI ids are hyphenated.
pub fn parse_uuid(s: &str) -> Option<[u8; 16]> {
    if s.len() != 36 {
        return None;
    }
    Uuid::try_parse(s).ok().map(Uuid::into_bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc_uuid_v5_example() {
        // RFC 9562 appendix A.4: the DNS namespace and "www.example.com".
        let dns = parse_uuid("6ba7b810-9dad-11d1-80b4-00c04fd430c8").unwrap();
        assert_eq!(
            uuid_v5(&dns, "www.example.com"),
            "2ed6657d-e927-568b-95e1-2665a8aea6a2"
        );
    }

    #[test]
    fn only_the_hyphenated_form_parses() {
        let upper = parse_uuid("6BA7B810-9DAD-11D1-80B4-00C04FD430C8");
        assert_eq!(upper, parse_uuid("6ba7b810-9dad-11d1-80b4-00c04fd430c8"));
        assert!(upper.is_some());
        for bad in [
            "not-a-uuid",
            "6ba7b8109dad11d180b400c04fd430c8",
            "{6ba7b810-9dad-11d1-80b4-00c04fd430c8}",
            "urn:uuid:6ba7b810-9dad-11d1-80b4-00c04fd430c8",
            "+ba7b810-9dad-11d1-80b4-00c04fd430c8",
            "6ba7b810-9dad-11d1-80b4-00c04fd430c",
        ] {
            assert!(parse_uuid(bad).is_none(), "{bad}");
        }
    }
}
