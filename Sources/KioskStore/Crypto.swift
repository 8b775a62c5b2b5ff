import CSodium
import Foundation

/// The two pieces of cryptography the kiosk needs, from libsodium (a well-kept library; nothing
/// hand-written): Argon2id for staff PINs and SHA-256 for the receipts ledger's hash chain.
public enum Crypto {
  private static let ready: Bool = sodium_init() >= 0

  /// SHA-256 of the UTF-8 bytes, as 64 lowercase hex digits.
  public static func sha256Hex(_ text: String) -> String {
    precondition(ready, "libsodium could not start")
    var out = [UInt8](repeating: 0, count: Int(crypto_hash_sha256_BYTES))
    let bytes = Array(text.utf8)
    _ = crypto_hash_sha256(&out, bytes, UInt64(bytes.count))
    return hex(out)
  }

  /// A slow, salted hash of a PIN (Argon2id, libsodium's interactive limits), in libsodium's
  /// self-describing string form (`$argon2id$v=19$m=…`).
  public static func hashPIN(_ pin: String) -> String {
    precondition(ready, "libsodium could not start")
    var out = [CChar](repeating: 0, count: Int(crypto_pwhash_STRBYTES))
    let bytes = Array(pin.utf8).map { CChar(bitPattern: $0) }
    let status = crypto_pwhash_str(
      &out, bytes, UInt64(bytes.count), UInt64(crypto_pwhash_OPSLIMIT_INTERACTIVE),
      Int(crypto_pwhash_MEMLIMIT_INTERACTIVE))
    precondition(status == 0, "out of memory while hashing a PIN")
    let bytes8 = out.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }
    return String(decoding: bytes8, as: UTF8.self)
  }

  /// Whether `pin` matches a hash made by `hashPIN` (constant time inside libsodium).
  public static func verifyPIN(_ pin: String, hash: String) -> Bool {
    precondition(ready, "libsodium could not start")
    let bytes = Array(pin.utf8).map { CChar(bitPattern: $0) }
    return crypto_pwhash_str_verify(hash, bytes, UInt64(bytes.count)) == 0
  }
}
