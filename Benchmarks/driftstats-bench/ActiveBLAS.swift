#if canImport(Glibc)
import Glibc
#endif
import CLinearAlgebra

/// Names the shared library that actually provides BLAS in this process (Debian's alternatives
/// may point `libblas.so.3` at the reference BLAS or at OpenBLAS), so every benchmark table says
/// which one produced its figures.
enum ActiveBLAS {
    static func describe() -> String {
        var info = Dl_info()
        let symbol = unsafeBitCast(cblas_dgemm as @convention(c) (
            CBLAS_ORDER, CBLAS_TRANSPOSE, CBLAS_TRANSPOSE, Int32, Int32, Int32, Double,
            UnsafePointer<Double>?, Int32, UnsafePointer<Double>?, Int32, Double, UnsafeMutablePointer<Double>?, Int32
        ) -> Void, to: UnsafeRawPointer.self)
        guard dladdr(symbol, &info) != 0, let name = info.dli_fname else { return "unknown" }
        var path = String(cString: name)
        var resolved = [CChar](repeating: 0, count: Int(PATH_MAX))
        if realpath(path, &resolved) != nil { path = String(cString: resolved) }
        let components = path.split(separator: "/")
        let file = components.last.map(String.init) ?? path
        let folder = components.dropLast().last.map(String.init) ?? ""
        if file.contains("openblas") || folder.contains("openblas") { return "OpenBLAS (\(file))" }
        if folder == "blas" { return "reference BLAS (\(file))" }
        return file
    }
}
