#!/usr/bin/python3
"""Validates the DICOM result objects written by ich-dicom's DicomResultWriter (Segmentation,
TID 1500 Structured Report, RGB Secondary Capture overlay) with independent tools and records what
they found, for ResultObjectsValidationTest.

The objects under ich-dicom/src/test/resources/dev/ich/dicom/result/ (source/: the small CT series
they were made from; results/: the objects) are written by ResultObjectsReferenceTest with
-Dich.regenerate=true, which also checks that the writer still produces exactly these bytes. Then
run, with Debian's dicom3tools (dciodvfy), dcmtk (dcmdump, dsrdump) and python3-pydicom:

    /usr/bin/python3 tools/reference/check_dicom_results.py

Writes, next to results/:
  dciodvfy.txt   dciodvfy's output for every object (the script fails on any "Error" line)
  dsrdump.txt    dsrdump's rendering of the report
  pydicom.json   what pydicom decodes: identity, UIDs, geometry, segment pixels per frame, the
                 report's measurements, the overlay's pixel sums per channel

    /usr/bin/python3 tools/reference/check_dicom_results.py <folder>

validates what the command line wrote instead (<folder>/study and <folder>/results, as
AnalyzeDicomOutTest leaves them with -Dich.keepDicomOut=<folder>) and writes nothing.
"""
import glob
import json
import os
import subprocess
import sys

import pydicom

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..')
BASE = os.path.join(ROOT, 'ich-dicom', 'src', 'test', 'resources', 'dev', 'ich', 'dicom', 'result')
SOURCE = os.path.join(BASE, 'source')
RESULTS = os.path.join(BASE, 'results')

IDENTITY = ['PatientName', 'PatientID', 'PatientBirthDate', 'PatientSex', 'StudyInstanceUID', 'StudyDate',
            'StudyTime', 'StudyID', 'AccessionNumber', 'ReferringPhysicianName']


def run(args):
    r = subprocess.run(args, capture_output=True, text=True)
    return r.returncode, r.stdout, r.stderr


def dciodvfy(path):
    _, out, err = run(['dciodvfy', path])
    lines = [l for l in (out + err).splitlines() if l.strip()]
    errors = [l for l in lines if l.startswith('Error')]
    if errors:
        sys.exit('dciodvfy finds errors in %s:\n%s' % (path, '\n'.join(errors)))
    return lines


def dcmdump(path):
    code, _, err = run(['dcmdump', '+E', path])
    if code != 0 or err.strip():
        sys.exit('dcmdump rejects %s: %s' % (path, err))


def text(v):
    return '' if v is None else str(v)


def identity(ds):
    return {k: text(ds.get(k)) for k in IDENTITY}


def group_0010(ds):
    return sorted('%04X,%04X' % (e.tag.group, e.tag.element) for e in ds if e.tag.group == 0x0010)


def seg(ds):
    frames = ds.pixel_array.reshape(int(ds.NumberOfFrames), ds.Rows, ds.Columns)
    per_frame = []
    for n, item in enumerate(ds.PerFrameFunctionalGroupsSequence):
        src = item.DerivationImageSequence[0].SourceImageSequence[0]
        per_frame.append({
            'position': [float(v) for v in item.PlanePositionSequence[0].ImagePositionPatient],
            'source_sop_instance_uid': src.ReferencedSOPInstanceUID,
            'segment': int(item.SegmentIdentificationSequence[0].ReferencedSegmentNumber),
            'dimension_index': [int(v) for v in item.FrameContentSequence[0].DimensionIndexValues],
            'pixels_set': int(frames[n].sum()),
            'first_set_pixel_row_column': [int(v) for v in (next(iter(zip(*frames[n].nonzero())), (-1, -1)))],
        })
    shared = ds.SharedFunctionalGroupsSequence[0]
    s = ds.SegmentSequence[0]
    return {
        'frames': int(ds.NumberOfFrames), 'rows': ds.Rows, 'columns': ds.Columns,
        'segmentation_type': ds.SegmentationType,
        'segment_label': s.SegmentLabel,
        'category': s.SegmentedPropertyCategoryCodeSequence[0].CodeValue,
        'type': s.SegmentedPropertyTypeCodeSequence[0].CodeValue,
        'anatomic_region': s.AnatomicRegionSequence[0].CodeValue,
        'algorithm_name': s.SegmentationAlgorithmIdentificationSequence[0].AlgorithmName,
        'orientation': [float(v) for v in shared.PlaneOrientationSequence[0].ImageOrientationPatient],
        'pixel_spacing': [float(v) for v in shared.PixelMeasuresSequence[0].PixelSpacing],
        'referenced_series': ds.ReferencedSeriesSequence[0].SeriesInstanceUID,
        'per_frame': per_frame,
    }


def content(items, out, path=''):
    for item in items:
        name = item.ConceptNameCodeSequence[0].CodeMeaning if 'ConceptNameCodeSequence' in item else ''
        here = path + '/' + name
        if item.ValueType == 'NUM':
            mv = item.MeasuredValueSequence[0]
            method = ''
            parameters = ''
            for child in item.get('ContentSequence', []):
                child_name = child.ConceptNameCodeSequence[0].CodeMeaning
                if child_name == 'Measurement Method':
                    method = child.ConceptCodeSequence[0].CodeValue
                elif child_name == 'Algorithm Parameters':
                    parameters = child.TextValue
            out.append({'path': here, 'method': method, 'value': float(mv.NumericValue),
                        'unit': mv.MeasurementUnitsCodeSequence[0].CodeValue, 'parameters': parameters})
        elif item.ValueType == 'TEXT' and name == 'Tracking Identifier':
            out.append({'path': here, 'text': item.TextValue})
        elif item.ValueType == 'IMAGE' and name == 'Referenced Segment':
            ref = item.ReferencedSOPSequence[0]
            out.append({'path': here, 'sop_instance_uid': ref.ReferencedSOPInstanceUID,
                        'segment': int(ref.ReferencedSegmentNumber)})
        if 'ContentSequence' in item and item.ValueType != 'NUM':
            content(item.ContentSequence, out, here)


def sr(ds):
    out = []
    content(ds.ContentSequence, out)
    return {'template': ds.ContentTemplateSequence[0].TemplateIdentifier,
            'root': ds.ConceptNameCodeSequence[0].CodeMeaning, 'items': out}


def sc(ds):
    px = ds.pixel_array
    return {'rows': ds.Rows, 'columns': ds.Columns, 'photometric': ds.PhotometricInterpretation,
            'burned_in_annotation': ds.BurnedInAnnotation,
            'position': [float(v) for v in ds.ImagePositionPatient],
            'orientation': [float(v) for v in ds.ImageOrientationPatient],
            'pixel_spacing': [float(v) for v in ds.PixelSpacing],
            'frame_of_reference_uid': ds.FrameOfReferenceUID,
            'source_sop_instance_uid': ds.SourceImageSequence[0].ReferencedSOPInstanceUID,
            'channel_sums': [int(px[..., c].sum()) for c in range(3)]}


def main():
    if len(sys.argv) > 1:
        check_folder(sys.argv[1])
        return
    source = [pydicom.dcmread(f) for f in sorted(glob.glob(os.path.join(SOURCE, '*.dcm')))]
    source_identity = identity(source[0])
    report = {'source': {'series_instance_uid': source[0].SeriesInstanceUID,
                         'frame_of_reference_uid': source[0].FrameOfReferenceUID,
                         'sop_instance_uids': [d.SOPInstanceUID for d in source]},
              'objects': {}}
    validation = []
    for path in sorted(glob.glob(os.path.join(RESULTS, '*.dcm'))):
        name = os.path.basename(path)
        lines = dciodvfy(path)
        validation.append('== %s' % name)
        validation.extend(lines)
        dcmdump(path)
        ds = pydicom.dcmread(path)  # strict: no force
        entry = {'sop_class_uid': ds.SOPClassUID, 'modality': ds.Modality,
                 'series_instance_uid': ds.SeriesInstanceUID, 'sop_instance_uid': ds.SOPInstanceUID,
                 'identity': identity(ds), 'identity_equals_source': identity(ds) == source_identity,
                 'group_0010': group_0010(ds)}
        if ds.Modality == 'SEG':
            entry['seg'] = seg(ds)
        elif ds.Modality == 'SR':
            entry['sr'] = sr(ds)
            code, out, err = run(['dsrdump', path])
            if code != 0 or err.strip():
                sys.exit('dsrdump rejects %s: %s' % (path, err))
            with open(os.path.join(BASE, 'dsrdump.txt'), 'w') as f:
                f.write(out)
        else:
            entry['sc'] = sc(ds)
        report['objects'][name] = entry
    with open(os.path.join(BASE, 'dciodvfy.txt'), 'w') as f:
        f.write('\n'.join(validation) + '\n')
    with open(os.path.join(BASE, 'pydicom.json'), 'w') as f:
        json.dump(report, f, indent=1, sort_keys=True)
        f.write('\n')
    print('validated %d objects; dciodvfy: 0 errors, %d warnings' % (
        len(report['objects']), sum(1 for l in validation if l.startswith('Warning'))))


def check_folder(folder):
    """Validates the objects in folder/results against folder/study (what ich analyze --dicom-out
    wrote for that study); prints dciodvfy's findings per object and writes nothing."""
    study = pydicom.dcmread(sorted(glob.glob(os.path.join(folder, 'study', '*.dcm')))[0])
    warnings = {}
    for path in sorted(glob.glob(os.path.join(folder, 'results', '*.dcm'))):
        lines = dciodvfy(path)
        dcmdump(path)
        ds = pydicom.dcmread(path)
        assert identity(ds) == identity(study), path
        assert ds.StudyInstanceUID == study.StudyInstanceUID and ds.SeriesInstanceUID != study.SeriesInstanceUID
        if ds.Modality == 'SR':
            code, _, err = run(['dsrdump', path])
            assert code == 0 and not err.strip(), err
        for l in lines:
            if l.startswith('Warning'):
                warnings.setdefault(l, []).append(os.path.basename(path))
    print('%s: every object passes dciodvfy without errors, dcmdump and pydicom read them' % folder)
    for w, files in sorted(warnings.items()):
        print('%3d object(s): %s' % (len(files), w))


if __name__ == '__main__':
    main()
