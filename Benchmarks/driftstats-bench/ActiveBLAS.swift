import Foundation

/// Names the shared library that actually provides BLAS in this process. Debian's alternatives
/// may point `libblas.so.3` at the reference BLAS or at OpenBLAS, so every benchmark table says
/// which one produced its figures. The loader's own map of the process (`/proc/self/maps`) lists
/// the file it really mapped, after every symbolic link was followed.
enum ActiveBLAS {
    static func describe() -> String {
        guard let maps = try? String(contentsOfFile: "/proc/self/maps", encoding: .utf8) else { return "unknown" }
        let libraries = Set(maps.split(separator: "\n").compactMap { line -> String? in
            guard let path = line.split(separator: " ", omittingEmptySubsequences: true).last,
                  path.hasPrefix("/"), path.contains("blas") else { return nil }
            return String(path)
        })
        if let openBLAS = libraries.first(where: { $0.contains("openblas") }) {
            return "OpenBLAS (\(openBLAS.split(separator: "/").suffix(2).joined(separator: "/")))"
        }
        if let reference = libraries.first(where: { $0.contains("/blas/") }) {
            return "reference BLAS (\(reference.split(separator: "/").suffix(2).joined(separator: "/")))"
        }
        return libraries.sorted().first.map { String($0.split(separator: "/").last ?? "") } ?? "unknown"
    }
}
