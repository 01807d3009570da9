/// Infers feature types from CSV columns, for `driftwatch check` run without a schema.
///
/// Rule, per column, over its non-missing cells (missing markers as in `CSVCell`: empty, `NA`,
/// `NaN`, `null` in any case):
/// 1. numeric, when every one parses as a finite number (so a 0/1 column is numeric);
/// 2. boolean, when every one is `true` or `false` in any case (yes/no stays categorical: it is
///    as often a category as a flag);
/// 3. categorical otherwise — including a column with no non-missing cell at all, since
///    categorical accepts any later value and an empty column gives no evidence of a type.
///
/// The rule agrees with `CSVFeatureTable`'s conversion, so typing a table with the inferred
/// features rejects none of its rows. Inferring over several tables (reference and current) takes
/// the narrowest type every table agrees with, so neither side's rows are rejected either.
public enum CSVSchemaInference {
    /// Columns that are never features: they identify and time rows. `prediction` is not among
    /// them: without a schema it is compared like any other column (and a declared feature named
    /// `prediction` is typed as a feature by `CSVFeatureTable`).
    public static let defaultExcludedColumns: Set<String> = [CSVFeatureTable.idColumn, CSVFeatureTable.timestampColumn]

    /// One feature per column of `table`, in header order, except the excluded names.
    public static func features(
        of table: CSVTable, excluding excluded: Set<String> = defaultExcludedColumns
    ) -> [FeatureSpec] {
        table.columns.filter { !excluded.contains($0.name) }.map { FeatureSpec(name: $0.name, type: type(of: $0)) }
    }

    /// One feature per column of the first table that every table has, in the first table's
    /// order, typed so that every table's cells convert: numeric when all tables are numeric,
    /// boolean when all are boolean, categorical otherwise. A table whose column is entirely
    /// missing has no say.
    public static func features(
        of tables: [CSVTable], excluding excluded: Set<String> = defaultExcludedColumns
    ) -> [FeatureSpec] {
        guard let first = tables.first else { return [] }
        var result: [FeatureSpec] = []
        for column in first.columns where !excluded.contains(column.name) {
            var kinds: [FeatureType] = []
            var everywhere = true
            for table in tables {
                guard let other = table.column(named: column.name) else {
                    everywhere = false
                    break
                }
                if let kind = evidence(of: other) { kinds.append(kind) }
            }
            guard everywhere else { continue }
            let agreed = kinds.first.flatMap { first in kinds.allSatisfy { $0 == first } ? first : nil }
            result.append(FeatureSpec(name: column.name, type: agreed ?? .categorical))
        }
        return result
    }

    /// The type one column's cells support, by the rule above.
    public static func type(of column: CSVColumn) -> FeatureType {
        evidence(of: column) ?? .categorical
    }

    /// The type the column's non-missing cells support; nil when every cell is missing.
    static func evidence(of column: CSVColumn) -> FeatureType? {
        var numeric = true
        var boolean = true
        var present = false
        column.forEachCell { _, cell in
            guard numeric || boolean else { return }
            let number = CSVCell.number(cell)
            if number == .missing { return }
            present = true
            if numeric, case .value = number {} else { numeric = false }
            if boolean, !CSVCell.isTrueOrFalse(cell) { boolean = false }
        }
        if !present { return nil }
        if numeric { return .numeric }
        if boolean { return .boolean }
        return .categorical
    }
}
