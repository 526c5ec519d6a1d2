namespace Codex.Modules.Skills.Features.Transfer;

public enum TransferKind
{
    Tools,
    Roles,
    Matrix,
    Assignments,
}
