using FluentValidation;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Codex.Shared.Web;

public static class ValidationExtensions
{
    /// <summary>Shows a failed command validation next to the form fields it concerns.</summary>
    public static void AddValidationErrors(this ModelStateDictionary modelState, ValidationException exception, string prefix = "Data")
    {
        foreach (var error in exception.Errors)
        {
            var key = string.IsNullOrEmpty(prefix) ? error.PropertyName : $"{prefix}.{error.PropertyName}";
            modelState.AddModelError(key, error.ErrorMessage);
        }
    }
}
