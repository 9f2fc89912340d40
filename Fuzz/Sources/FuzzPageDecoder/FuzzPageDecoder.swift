import CFuzzerDriver
import FOTAModel
import FOTANormalise
import ThingSpaceAPI

/// Starts libFuzzer on ``fuzzPageDecoder(_:_:)``.
@_cdecl("FuzzPageDecoder_main")
public func fuzzPageDecoderMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?)
  -> CInt
{
  var argc = argc
  var argv = argv
  return LLVMFuzzerRunDriver(&argc, &argv) { data, count in fuzzPageDecoder(data, count) }
}

/// One input through the page decoder and, when it is a page, every entry through the
/// normaliser: nothing may trap, and no kept value may exceed the text limit.
func fuzzPageDecoder(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
  let bytes = UnsafeRawBufferPointer(start: start, count: count)
  var decoder = DeviceListDecoder()
  guard let page = try? decoder.decode(bytes) else { return 0 }
  let normaliser = DeviceNormaliser(asOf: 1_793_491_200_000)
  var diagnostics = Diagnostics()
  for entry in page.deviceList {
    guard let device = normaliser.normalise(entry, page: 1, diagnostics: &diagnostics) else { continue }
    precondition(device.deviceId.utf8.count <= WireValue.maximumTextBytes)
    precondition((device.upgrade.raw?.utf8.count ?? 0) <= WireValue.maximumTextBytes)
  }
  return 0
}
