/// The release, as `kioskctl --version` and the journal say it; the Debian package's version
/// (debian/changelog) is the same (scripts/test-deb.sh checks).
public enum BhumisebaVersion {
  public static let string = "0.18.0"
}
