//! Reading one audio file's tags for a scan, within bounds: the tag library
//! parses an ID3v2 tag in time that grows with the square of its frame
//! count (100,000 frames take over a minute), so a tag with more frames than
//! any real file carries is refused before the library sees it.

use std::io::{Read, Seek, SeekFrom};

/// The most ID3v2 frames a tag may hold. A well-tagged track carries a few
/// dozen (MusicBrainz Picard writes about forty); an audiobook with one
/// chapter frame per chapter a few hundred. Two thousand is far above both,
/// and the tag library reads that many in milliseconds.
pub const MAX_ID3V2_FRAMES: usize = 2_000;

/// The file's tags and audio properties, or why they cannot be read.
pub fn read_tags<R: Read + Seek>(mut reader: R) -> Result<lofty::file::TaggedFile, String> {
    check_id3v2(&mut reader).map_err(|err| format!("cannot read it: {}", io_reason(&err)))??;
    reader
        .seek(SeekFrom::Start(0))
        .map_err(|err| format!("cannot read it: {}", io_reason(&err)))?;
    lofty::probe::Probe::new(std::io::BufReader::new(reader))
        .guess_file_type()
        .map_err(|err| format!("cannot read it: {}", io_reason(&err)))?
        .read()
        .map_err(|err| format!("cannot read its tags: {err}"))
}

/// What went wrong reading a file or folder, as an owner reads it: a
/// permission problem says so rather than passing for a damaged file.
pub fn io_reason(err: &std::io::Error) -> String {
    match err.kind() {
        std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        std::io::ErrorKind::NotFound => "it is no longer there".to_string(),
        _ => err.to_string(),
    }
}

/// `Ok(Err(reason))` when the file opens with an ID3v2 tag of more than
/// [`MAX_ID3V2_FRAMES`] frames. A tag whose layout cannot be followed is
/// left to the tag library, which reports it.
fn check_id3v2<R: Read + Seek>(reader: &mut R) -> std::io::Result<Result<(), String>> {
    let mut header = [0u8; 10];
    if !read_full(reader, &mut header)? || &header[..3] != b"ID3" {
        return Ok(Ok(()));
    }
    let major = header[3];
    let flags = header[5];
    let Some(size) = synchsafe(&header[6..10]) else {
        return Ok(Ok(()));
    };
    // The whole tag is read, as the tag library reads it anyway; its size
    // field is 28 bits, so this is at most 256 MiB.
    let mut body = Vec::new();
    reader.take(u64::from(size)).read_to_end(&mut body)?;
    // ID3v2.3's unsynchronisation applies to the whole tag, and frame sizes
    // count the bytes after it is undone.
    if flags & 0x80 != 0 && major < 4 {
        body = resynchronise(&body);
    }
    let mut at = 0usize;
    if flags & 0x40 != 0 && major >= 3 {
        let Some(field) = body.get(..4) else {
            return Ok(Ok(()));
        };
        at = match major {
            3 => 4 + u32::from_be_bytes(field.try_into().unwrap_or_default()) as usize,
            _ => synchsafe(field).unwrap_or(0) as usize,
        };
    }
    let header_len = if major == 2 { 6 } else { 10 };
    let mut frames = 0usize;
    while let Some(frame) = body.get(at..at + header_len) {
        if frame[0] == 0 {
            break; // padding
        }
        frames += 1;
        if frames > MAX_ID3V2_FRAMES {
            return Ok(Err(format!(
                "its ID3v2 tag holds more than {MAX_ID3V2_FRAMES} frames (no real track \
                 has that many; reading them would take minutes): remove the extra frames \
                 with a tag editor"
            )));
        }
        let size = match major {
            2 => u32::from_be_bytes([0, frame[3], frame[4], frame[5]]),
            3 => u32::from_be_bytes([frame[4], frame[5], frame[6], frame[7]]),
            _ => match synchsafe(&frame[4..8]) {
                Some(size) => size,
                None => break,
            },
        };
        at = at.saturating_add(header_len).saturating_add(size as usize);
    }
    Ok(Ok(()))
}

/// Fills `out`, or says the reader ended first.
fn read_full<R: Read>(reader: &mut R, out: &mut [u8]) -> std::io::Result<bool> {
    match reader.read_exact(out) {
        Ok(()) => Ok(true),
        Err(err) if err.kind() == std::io::ErrorKind::UnexpectedEof => Ok(false),
        Err(err) => Err(err),
    }
}

/// A 28-bit number written 7 bits a byte, or `None` when a byte has its top bit set.
fn synchsafe(bytes: &[u8]) -> Option<u32> {
    bytes.iter().try_fold(0u32, |n, &b| {
        (b & 0x80 == 0).then_some((n << 7) | u32::from(b))
    })
}

/// Undoes unsynchronisation: every `FF 00` was written for `FF`.
fn resynchronise(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(bytes.len());
    let mut previous = 0u8;
    for &byte in bytes {
        if !(previous == 0xff && byte == 0) {
            out.push(byte);
        }
        previous = byte;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An ID3v2.`major` tag of `count` TXXX frames (v2.2: TXX), then no audio.
    fn tag(major: u8, count: usize, flags: u8) -> Vec<u8> {
        let mut body = Vec::new();
        for i in 0..count {
            let data = format!("\u{0}k{i}\u{0}v");
            let size = data.len() as u32;
            match major {
                2 => {
                    body.extend_from_slice(b"TXX");
                    body.extend_from_slice(&size.to_be_bytes()[1..]);
                }
                3 => {
                    body.extend_from_slice(b"TXXX");
                    body.extend_from_slice(&size.to_be_bytes());
                    body.extend_from_slice(&[0, 0]);
                }
                _ => {
                    body.extend_from_slice(b"TXXX");
                    body.extend_from_slice(&[0, 0, 0, size as u8]);
                    body.extend_from_slice(&[0, 0]);
                }
            }
            body.extend_from_slice(data.as_bytes());
        }
        body.extend_from_slice(&[0; 16]);
        let size = body.len() as u32;
        let mut out = vec![b'I', b'D', b'3', major, 0, flags];
        out.extend((0..4).rev().map(|i| ((size >> (7 * i)) & 0x7f) as u8));
        out.extend(body);
        out
    }

    fn check(bytes: Vec<u8>) -> Result<(), String> {
        check_id3v2(&mut std::io::Cursor::new(bytes)).unwrap()
    }

    #[test]
    fn a_tag_with_too_many_frames_is_refused_in_every_version() {
        for major in [2, 3, 4] {
            assert_eq!(check(tag(major, MAX_ID3V2_FRAMES, 0)), Ok(()), "v2.{major}");
            let err = check(tag(major, MAX_ID3V2_FRAMES + 1, 0)).unwrap_err();
            assert!(err.contains("more than 2000 frames"), "v2.{major}: {err}");
        }
        // Unsynchronisation and an unknown layout do not hide the frames,
        // and what is no ID3v2 tag passes untouched.
        assert!(check(tag(3, MAX_ID3V2_FRAMES + 1, 0x80)).is_err());
        assert_eq!(check(b"fLaC".to_vec()), Ok(()));
        assert_eq!(check(Vec::new()), Ok(()));
        assert_eq!(check(b"ID3\x04\x00\x00\xff\xff\xff\xff".to_vec()), Ok(()));
    }

    #[test]
    fn reasons_name_a_permission_problem() {
        let denied = std::io::Error::from(std::io::ErrorKind::PermissionDenied);
        assert_eq!(io_reason(&denied), "permission denied");
        let other = std::io::Error::other("disk on fire");
        assert_eq!(io_reason(&other), "disk on fire");
    }
}
