using System.CommandLine;
using Microsoft.Extensions.Options;
using OpenAlgebra.Modules.Compliance.Audit;
using OpenAlgebra.Modules.Compliance.Deidentification;
using OpenAlgebra.Modules.Compliance.PhiScanning;
using OpenAlgebra.Modules.Imaging.Deidentification;
using OpenAlgebra.Modules.Imaging.Dicom;
using OpenAlgebra.Modules.Imaging.Nifti;

namespace OpenAlgebra.Web.Cli;

/// <summary>
/// <c>deidentify &lt;in&gt; &lt;out&gt; [--option &lt;name&gt;]…</c>: de-identifies a file or a folder tree into a copy with the same
/// structure. Each output is re-scanned for PHI and only written when clean; a file that cannot be read, de-identified
/// or scanned clean is named on stderr and makes the exit code 1.
/// </summary>
internal static class DeidentifyCommand
{
    public static Command Build(CommandContext context)
    {
        var input = new Argument<string>("in") { Description = "A DICOM or NIfTI (.nii, .nii.gz) file, or a folder whose files are all de-identified." };
        var output = new Argument<string>("out") { Description = "The de-identified file, or the folder that receives the same tree." };
        var options = new Option<string[]>("--option")
        {
            Description = $"A PS3.15 option on top of the configured ones; repeatable. One of: {string.Join(", ", ProfileOptionNames.All)}.",
        };
        var command = new Command("deidentify", "De-identify DICOM files (PS3.15 Basic Profile, each copy checked for PHI) and NIfTI files (header text and extensions removed).") { input, output, options };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var source = Path.GetFullPath(parse.GetValue(input)!);
            var target = Path.GetFullPath(parse.GetValue(output)!);
            if (Usage(source, target, parse.GetValue(options) ?? []) is { } problem)
            {
                await context.Error.WriteLineAsync($"error: {problem}");
                return 2;
            }

            var chosen = (parse.GetValue(options) ?? []).Select(ProfileOptionNames.Parse).ToArray();
            return await context.RunAsync((services, ct) => RunAsync(context, services, source, target, chosen, ct), cancellationToken);
        });
        return command;
    }

    private static string? Usage(string source, string target, string[] options)
    {
        if (!File.Exists(source) && !Directory.Exists(source))
        {
            return $"{source} is neither a file nor a folder.";
        }

        if (string.Equals(source, target, StringComparison.Ordinal))
        {
            return "<out> must differ from <in>: the originals are never overwritten.";
        }

        var unknown = options.FirstOrDefault(o => !ProfileOptionNames.All.Contains(o.Trim(), StringComparer.OrdinalIgnoreCase));
        return unknown is null ? null : $"unknown option '{unknown}'; options are {string.Join(", ", ProfileOptionNames.All)}.";
    }

    private static async Task<int> RunAsync(CommandContext context, IServiceProvider services, string source, string target,
        ProfileOption[] chosen, CancellationToken cancellationToken)
    {
        var configured = services.GetRequiredService<IOptions<DeidentificationOptions>>().Value;
        var policy = services.GetRequiredService<IDeidentificationProfile>().CreatePolicy(configured.With(chosen));
        var run = new Run(services.GetRequiredService<IDicomCodec>(), services.GetRequiredService<IDicomDeidentifier>(),
            services.GetRequiredService<IPhiScanner>(), services.GetRequiredService<INiftiCodec>(), policy, context.Error);

        var folder = Directory.Exists(source);
        var files = folder
            ? Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories)
                .Where(f => !f.StartsWith(target + Path.DirectorySeparatorChar, StringComparison.Ordinal))
                .Order(StringComparer.Ordinal).ToList()
            : [source];
        var succeeded = 0;
        foreach (var file in files)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var name = folder ? Path.GetRelativePath(source, file) : Path.GetFileName(file);
            var destination = folder ? Path.Combine(target, name)
                : Directory.Exists(target) ? Path.Combine(target, name) : target;
            if (await run.FileAsync(file, name, destination))
            {
                succeeded++;
            }
        }

        var failed = files.Count - succeeded;
        var names = string.Join(", ", policy.Options.ProfileOptions.Select(ProfileOptionNames.Of));
        await services.GetRequiredService<IAuditTrail>().RecordAsync(new AuditEvent(new AuditActor("cli", [], null),
            AuditEventIds.DicomInstancesAccessed, AuditActions.Create, failed == 0 ? AuditOutcomes.Success : AuditOutcomes.MinorFailure,
            ObjectType: "dicom-files", Detail: $"deidentify: {succeeded} de-identified, {failed} failed; options: {(names.Length > 0 ? names : "none")}"),
            cancellationToken);
        await context.Output.WriteLineAsync($"de-identified {succeeded} of {files.Count} files, {failed} failed");
        return failed == 0 ? 0 : 1;
    }

    /// <summary>One file at a time: read, de-identify, scan, and write only a clean result.</summary>
    private sealed class Run(IDicomCodec codec, IDicomDeidentifier deidentifier, IPhiScanner scanner, INiftiCodec nifti,
        IDeidentificationPolicy policy, TextWriter error)
    {
        public Task<bool> FileAsync(string file, string name, string destination) =>
            IsNifti(file) ? NiftiAsync(file, name, NiftiDestination(destination)) : DicomAsync(file, name, destination);

        private async Task<bool> DicomAsync(string file, string name, string destination)
        {
            var partial = destination + ".partial";
            try
            {
                DicomFile input;
                await using (var stream = File.OpenRead(file))
                {
                    input = codec.Read(stream);
                }

                var result = deidentifier.Deidentify(input, policy);
                var findings = scanner.Scan(result.File, policy, result.Original);
                if (findings.Count > 0)
                {
                    await error.WriteLineAsync($"{name}: not written, the PHI scanner found: {string.Join("; ", findings.Select(f => $"{f.Path} {f.Reason}"))}");
                    return false;
                }

                Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
                await using (var stream = File.Create(partial))
                {
                    codec.Write(result.File, stream);
                }

                File.Move(partial, destination, overwrite: true);
                return true;
            }
            catch (Exception e) when (e is DicomFormatException or IOException or UnauthorizedAccessException or InvalidOperationException)
            {
                return await FailAsync(name, partial, e.Message);
            }
        }

        /// <summary>
        /// NIfTI carries identity only in free-text header fields and extensions (which can hold whole DICOM headers or
        /// JSON sidecars): the copy has those cleared and dropped, and is read back to prove it.
        /// </summary>
        private async Task<bool> NiftiAsync(string file, string name, string destination)
        {
            var partial = destination + ".partial";
            try
            {
                Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
                await using (var source = File.OpenRead(file))
                await using (var target = File.Create(partial))
                {
                    nifti.Deidentify(source, target);
                }

                await using (var written = File.OpenRead(partial))
                {
                    var image = nifti.ReadImage(written);
                    if (image.Description.Length > 0 || image.IntentName.Length > 0)
                    {
                        return await FailAsync(name, partial, "not written: header text survived de-identification");
                    }
                }

                File.Move(partial, destination, overwrite: true);
                return true;
            }
            catch (Exception e) when (e is NiftiFormatException or IOException or UnauthorizedAccessException)
            {
                return await FailAsync(name, partial, e.Message);
            }
        }

        // Nothing partial stays: a half-written copy is not a de-identified file.
        private async Task<bool> FailAsync(string name, string partial, string reason)
        {
            if (File.Exists(partial))
            {
                File.Delete(partial);
            }

            await error.WriteLineAsync($"{name}: {reason}");
            return false;
        }

        private static bool IsNifti(string file) =>
            file.EndsWith(".nii", StringComparison.OrdinalIgnoreCase) || file.EndsWith(".nii.gz", StringComparison.OrdinalIgnoreCase);

        /// <summary>The codec always writes gzip, so a .nii becomes a .nii.gz.</summary>
        private static string NiftiDestination(string destination) =>
            destination.EndsWith(".nii", StringComparison.OrdinalIgnoreCase) ? destination + ".gz" : destination;
    }
}
