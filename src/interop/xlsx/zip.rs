//! The zip container of an `.xlsx`, by hand: enough to read what spreadsheet programs write
//! (stored or deflated entries, found through the central directory) and to write a workbook.
//! No zip64, encryption or multi-disk archives: none of them occurs in a question bank.

use miniz_oxide::inflate::{decompress_to_vec_with_limit, TINFLStatus};

use super::corrupt;
use crate::error::{Error, ErrorCode};

/// One entry of an archive, as listed by the central directory.
#[derive(Debug, Clone)]
struct Entry {
    name: String,
    method: u16,
    crc: u32,
    compressed: usize,
    size: usize,
    local_offset: usize,
}

/// A read-only view of a zip archive.
pub struct Archive<'a> {
    bytes: &'a [u8],
    entries: Vec<Entry>,
    limit: usize,
}

fn u16_at(b: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes(b.get(at..at + 2)?.try_into().ok()?))
}

fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(b.get(at..at + 4)?.try_into().ok()?))
}

impl<'a> Archive<'a> {
    /// Opens an archive, refusing entries that would inflate beyond `limit` bytes.
    pub fn open(bytes: &'a [u8], limit: usize) -> Result<Self, Error> {
        const EOCD: u32 = 0x0605_4b50;
        let search_from = bytes.len().saturating_sub(22 + 65_535);
        let eocd = (search_from..bytes.len().saturating_sub(21))
            .rev()
            .find(|&i| u32_at(bytes, i) == Some(EOCD))
            .ok_or_else(|| corrupt("找不到 zip 目录", "no zip directory found"))?;
        let count = u16_at(bytes, eocd + 10).unwrap_or(0) as usize;
        let dir_offset = u32_at(bytes, eocd + 16).unwrap_or(u32::MAX) as usize;
        let mut entries = Vec::with_capacity(count.min(1024));
        let mut at = dir_offset;
        for _ in 0..count {
            let bad = || corrupt("zip 目录已损坏", "the zip directory is damaged");
            if u32_at(bytes, at) != Some(0x0201_4b50) {
                return Err(bad());
            }
            let field16 = |o: usize| u16_at(bytes, at + o).ok_or_else(bad);
            let field32 = |o: usize| u32_at(bytes, at + o).ok_or_else(bad);
            let flags = field16(8)?;
            let method = field16(10)?;
            let crc = field32(16)?;
            let compressed = field32(20)? as usize;
            let size = field32(24)? as usize;
            let name_len = field16(28)? as usize;
            let extra_len = field16(30)? as usize;
            let comment_len = field16(32)? as usize;
            let local_offset = field32(42)? as usize;
            let name_bytes = bytes.get(at + 46..at + 46 + name_len).ok_or_else(bad)?;
            if flags & 1 != 0 {
                return Err(corrupt("文件已加密", "the file is encrypted"));
            }
            if compressed == u32::MAX as usize || size == u32::MAX as usize {
                return Err(corrupt("不支持 zip64", "zip64 archives are not supported"));
            }
            entries.push(Entry {
                name: String::from_utf8_lossy(name_bytes).into_owned(),
                method,
                crc,
                compressed,
                size,
                local_offset,
            });
            at += 46 + name_len + extra_len + comment_len;
        }
        Ok(Archive {
            bytes,
            entries,
            limit,
        })
    }

    /// Whether the archive holds an entry of this name.
    pub fn has(&self, name: &str) -> bool {
        self.entries.iter().any(|e| e.name == name)
    }

    /// The uncompressed bytes of an entry, checked against its CRC-32; `None` if absent.
    pub fn read(&self, name: &str) -> Result<Option<Vec<u8>>, Error> {
        let Some(e) = self.entries.iter().find(|e| e.name == name) else {
            return Ok(None);
        };
        let bad = || corrupt(&format!("{name} 已损坏"), &format!("{name} is damaged"));
        if e.size > self.limit {
            return Err(too_large(name));
        }
        let lo = e.local_offset;
        if u32_at(self.bytes, lo) != Some(0x0403_4b50) {
            return Err(bad());
        }
        let name_len = u16_at(self.bytes, lo + 26).ok_or_else(bad)? as usize;
        let extra_len = u16_at(self.bytes, lo + 28).ok_or_else(bad)? as usize;
        let start = lo + 30 + name_len + extra_len;
        let data = self
            .bytes
            .get(start..start.saturating_add(e.compressed))
            .ok_or_else(bad)?;
        let out = match e.method {
            0 => data.to_vec(),
            8 => decompress_to_vec_with_limit(data, self.limit).map_err(|err| {
                if err.status == TINFLStatus::HasMoreOutput {
                    too_large(name)
                } else {
                    bad()
                }
            })?,
            _ => {
                return Err(corrupt(
                    &format!("{name} 使用了不支持的压缩方式"),
                    &format!("{name} uses an unsupported compression method"),
                ))
            }
        };
        if crc32(&out) != e.crc {
            return Err(bad());
        }
        Ok(Some(out))
    }
}

fn too_large(name: &str) -> Error {
    Error::new(
        ErrorCode::TooLarge,
        "",
        format!("{name} 解压后超过 50 MB，拒绝导入"),
        format!("{name} would inflate beyond 50 MB; refused"),
    )
}

/// CRC-32 (IEEE, as zip uses), bit by bit through a table built once per call site.
pub fn crc32(data: &[u8]) -> u32 {
    let mut table = [0u32; 256];
    for (i, slot) in table.iter_mut().enumerate() {
        let mut c = i as u32;
        for _ in 0..8 {
            c = if c & 1 != 0 {
                0xEDB8_8320 ^ (c >> 1)
            } else {
                c >> 1
            };
        }
        *slot = c;
    }
    let mut crc = 0xFFFF_FFFFu32;
    for &b in data {
        crc = table[((crc ^ u32::from(b)) & 0xFF) as usize] ^ (crc >> 8);
    }
    !crc
}

/// Writes a zip archive of deflated entries, in the given order, with a fixed timestamp
/// (1980-01-01) so the same content always gives the same bytes.
pub fn write_zip(files: &[(&str, Vec<u8>)]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut central = Vec::new();
    for (name, data) in files {
        let deflated = miniz_oxide::deflate::compress_to_vec(data, 6);
        let crc = crc32(data);
        let offset = out.len() as u32;
        let header = |sig: u32, central: bool| {
            let mut h = Vec::new();
            h.extend(sig.to_le_bytes());
            if central {
                h.extend(20u16.to_le_bytes()); // made by
            }
            h.extend(20u16.to_le_bytes()); // version needed
            h.extend(0x0800u16.to_le_bytes()); // flags: UTF-8 names
            h.extend(8u16.to_le_bytes()); // deflate
            h.extend(0u16.to_le_bytes()); // time
            h.extend(0x0021u16.to_le_bytes()); // date 1980-01-01
            h.extend(crc.to_le_bytes());
            h.extend((deflated.len() as u32).to_le_bytes());
            h.extend((data.len() as u32).to_le_bytes());
            h.extend((name.len() as u16).to_le_bytes());
            h.extend(0u16.to_le_bytes()); // extra
            if central {
                h.extend(0u16.to_le_bytes()); // comment
                h.extend(0u16.to_le_bytes()); // disk
                h.extend(0u16.to_le_bytes()); // internal attributes
                h.extend(0u32.to_le_bytes()); // external attributes
                h.extend(offset.to_le_bytes());
            }
            h.extend(name.as_bytes());
            h
        };
        out.extend(header(0x0403_4b50, false));
        out.extend(&deflated);
        central.extend(header(0x0201_4b50, true));
    }
    let dir_offset = out.len() as u32;
    let count = files.len() as u16;
    out.extend(&central);
    out.extend(0x0605_4b50u32.to_le_bytes());
    out.extend([0u8; 4]); // disk numbers
    out.extend(count.to_le_bytes());
    out.extend(count.to_le_bytes());
    out.extend((central.len() as u32).to_le_bytes());
    out.extend(dir_offset.to_le_bytes());
    out.extend(0u16.to_le_bytes());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crc32_check_value() {
        // The standard check value of CRC-32/ISO-HDLC.
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
    }

    #[test]
    fn writes_and_reads_back() {
        let zip = write_zip(&[("a.txt", "你好".repeat(100).into_bytes()), ("b", vec![])]);
        let archive = Archive::open(&zip, 1 << 20).unwrap();
        assert_eq!(
            archive.read("a.txt").unwrap().unwrap(),
            "你好".repeat(100).into_bytes()
        );
        assert_eq!(archive.read("b").unwrap().unwrap(), Vec::<u8>::new());
        assert!(archive.read("c").unwrap().is_none());
    }

    #[test]
    fn zip_bomb_is_too_large() {
        let zip = write_zip(&[("bomb", vec![0u8; 200_000])]);
        let archive = Archive::open(&zip, 100_000).unwrap();
        assert_eq!(
            archive.read("bomb").unwrap_err().code(),
            ErrorCode::TooLarge
        );
    }

    #[test]
    fn zip_bomb_lying_about_its_size_is_too_large() {
        let mut zip = write_zip(&[("bomb", vec![0u8; 200_000])]);
        // Claim 10 bytes in the central directory: the inflate limit must still stop it.
        let dir = zip.len() - 22 - 46 - 4;
        zip[dir + 24..dir + 28].copy_from_slice(&10u32.to_le_bytes());
        let archive = Archive::open(&zip, 100_000).unwrap();
        assert_eq!(
            archive.read("bomb").unwrap_err().code(),
            ErrorCode::TooLarge
        );
    }

    #[test]
    fn damage_is_detected() {
        let mut zip = write_zip(&[("a.txt", b"hello hello hello".to_vec())]);
        assert!(Archive::open(&zip[..10], 1000).is_err());
        // Flip a byte of the compressed data: inflate or the CRC check must notice.
        zip[40] ^= 0xFF;
        let archive = Archive::open(&zip, 1000).unwrap();
        assert_eq!(
            archive.read("a.txt").unwrap_err().code(),
            ErrorCode::CorruptData
        );
    }
}
