// libFuzzer's entry: compiled into the KioskCore module by scripts/fuzz.sh (never by swift build).
@_cdecl("LLVMFuzzerTestOneInput")
public func kioskFuzzOne(_ data: UnsafeRawPointer, _ size: Int) -> CInt {
  FuzzTargets.run(Array(UnsafeRawBufferPointer(start: data, count: size)))
  return 0
}
