/// Why an alert template cannot be used, and where: ``AlertTemplate/init(_:)`` throws it, so a rule
/// file can be checked before any alert fires.
///
/// `column` is the 1-based position, in characters from the start of the whole template text
/// (newlines count as one character, not as a new line), of the place the problem starts: the
/// `{{` of an unclosed action, the name of an unknown function, the argument of the wrong type.
/// ``description`` reads `unknown function "humanise" at column 12`.
///
/// Besides what Go's template parser rejects, the template is refused where an expression could
/// only ever fail when Prometheus evaluates it (a `float64` handed to `toUpper`, a label map to
/// `humanize`, `gt $value 1` comparing a float with an int, a literal regular expression that
/// does not compile, a literal that `humanize` cannot read as a number), and where it uses what
/// driftwatch does not offer (`range`, `with`, `query`, …).
public struct AlertTemplateError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Problem: Sendable, Equatable {
        /// `{{` with no `}}` after it.
        case unclosedAction
        /// `{{ if … }}` with no `{{ end }}` after it.
        case unclosedIf
        /// `{{/*` with no `*/` after it.
        case unclosedComment
        /// `*/` not followed at once by `}}` (or ` -}}`).
        case commentNotClosedByDelimiter
        /// A `(` with no `)` before the end of the action.
        case unclosedParenthesis
        /// A `)` with no `(` before it.
        case unexpectedClosingParenthesis
        /// A quoted, raw or character literal that does not end.
        case unterminatedLiteral(String)
        /// A string or character literal with an escape Go does not accept.
        case invalidLiteral(String, reason: String)
        /// A number Go cannot read (`1x`, `0x`, `99999999999999999999`), or a complex number.
        case invalidNumber(String)
        /// A character that cannot appear in an action, or right after a name.
        case unexpectedCharacter(Character)
        /// A token where another was expected (`context` says what was being read).
        case unexpected(String, context: String)
        /// An action with nothing in it, `{{ }}` or `( )`.
        case missingValue
        /// A control action other than `if`/`else`/`end`: `range`, `with`, `define`,
        /// `template`, `block`, `break`, `continue`.
        case unsupportedAction(String)
        /// `{{ else }}` or `{{ end }}` with no `{{ if }}` open, or `{{ else }}` after the
        /// `{{ else }}` of the same `if`.
        case misplacedControl(String)
        /// `$x := …` or `$x = …`.
        case unsupportedDeclaration(String)
        /// `.` or `$` alone: the whole alert data, which Prometheus prints as a Go struct.
        case unsupportedWholeData
        /// A name that is neither a template function nor a Go template builtin.
        case unknownFunction(String)
        /// A Prometheus function that works on query results (`query`, `first`, `value`,
        /// `label`, `strvalue`, `sortByLabel`).
        case needsPrometheusServer(String)
        /// A Prometheus or Go template function driftwatch does not implement (`len`, `print`,
        /// `toTime`, `graphLink`, …).
        case unsupportedFunction(String)
        /// A variable other than `$`, `$labels`, `$value`, `$externalLabels`, `$externalURL`.
        case undefinedVariable(String)
        /// A field the value does not have: `.Value.x`, `.Lables`, `$value.x`.
        case unknownField(String, type: String)
        /// A literal, variable or field given arguments, or piped into (`{{ $value | $labels }}`).
        case notAFunction(String)
        /// A function called with too few or too many arguments (the piped value included).
        case wrongArgumentCount(function: String, expected: String, got: Int)
        /// An argument of a type the function never accepts (`expected` is in Go's words).
        case wrongArgumentType(function: String, position: Int, expected: String, got: String)
        /// A literal pattern that does not compile.
        case invalidRegularExpression(String, reason: String)
        /// A literal string that `humanize…` would fail to read as a float.
        case invalidNumericString(function: String, reason: String)
    }

    /// 1-based character offset into the template text.
    public let column: Int
    public let problem: Problem

    public init(_ problem: Problem, column: Int) {
        self.problem = problem
        self.column = column
    }

    /// What is wrong, without the position.
    public var message: String {
        switch problem {
        case .unclosedAction:
            return "unclosed action (no \"}}\" after \"{{\")"
        case .unclosedIf:
            return "unclosed {{if}} (no {{end}} after it)"
        case .unclosedComment:
            return "unclosed comment (no \"*/\" after \"/*\")"
        case .commentNotClosedByDelimiter:
            return "comment ends before closing delimiter (write \"*/}}\")"
        case .unclosedParenthesis:
            return "unclosed left parenthesis"
        case .unexpectedClosingParenthesis:
            return "unexpected right parenthesis"
        case .unterminatedLiteral(let kind):
            return "unterminated \(kind)"
        case let .invalidLiteral(text, reason):
            return "invalid literal \(text): \(reason)"
        case .invalidNumber(let text):
            return "bad number syntax: \(text)"
        case .unexpectedCharacter(let character):
            return "unexpected character \(GoQuote.quoteRune(character.unicodeScalars.first ?? "\u{FFFD}"))"
        case let .unexpected(token, context):
            return "unexpected \(token) in \(context)"
        case .missingValue:
            return "missing value (the action is empty)"
        case .unsupportedAction(let keyword):
            return "unsupported action \"\(keyword)\" (only expressions, pipelines and if/else/end are supported)"
        case .misplacedControl(let keyword):
            return keyword == "else" ? "unexpected {{else}} (no {{if}} open, or a second {{else}})" : "unexpected {{end}} (no {{if}} open)"
        case .unsupportedDeclaration(let variable):
            return "unsupported variable declaration of \"\(variable)\" (use $labels, $value, or the expression itself)"
        case .unsupportedWholeData:
            return "the whole alert data cannot be printed; use .Labels, .Value, .ExternalLabels or .ExternalURL"
        case .unknownFunction(let name):
            return "unknown function \"\(name)\""
        case .needsPrometheusServer(let name):
            return "function \"\(name)\" needs a Prometheus server and is not supported"
        case .unsupportedFunction(let name):
            return "function \"\(name)\" is not supported"
        case .undefinedVariable(let name):
            return "undefined variable \"\(name)\" (defined: $labels, $value, $externalLabels, $externalURL)"
        case let .unknownField(field, type):
            if type == "alert data" {
                return "the alert data has no field \"\(field)\" (it has Labels, Value, ExternalLabels, ExternalURL)"
            }
            return "can't evaluate field \"\(field)\" in type \(type)"
        case .notAFunction(let text):
            return "\(text) is not a function: it cannot take arguments or a piped value"
        case let .wrongArgumentCount(function, expected, got):
            return "wrong number of arguments for \(function): want \(expected), got \(got)"
        case let .wrongArgumentType(function, position, expected, got):
            return "argument \(position) of \(function) must be \(expected), not \(got)"
        case let .invalidRegularExpression(pattern, reason):
            return "invalid regular expression \(GoQuote.quote(pattern)): \(reason)"
        case let .invalidNumericString(function, reason):
            return "\(function) cannot read its argument as a number: \(reason)"
        }
    }

    public var description: String {
        "\(message) at column \(column)"
    }
}
